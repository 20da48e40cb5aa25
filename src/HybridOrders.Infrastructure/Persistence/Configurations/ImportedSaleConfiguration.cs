using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Forecasting;
using HybridOrders.Domain.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

internal sealed class ImportedSaleConfiguration : IEntityTypeConfiguration<ImportedSale>
{
    public void Configure(EntityTypeBuilder<ImportedSale> b)
    {
        b.ToTable("SalesHistory");
        // SKU first: a forecast reads one SKU at one location (the key's prefix, exactly its rows) or over the network (the
        // SKU's prefix). No second (Sku, Date) index: it served no query the key does not, and on a table not yet analysed
        // (just after an import) PostgreSQL chose it for the one-location read and filtered every location's rows of the SKU.
        b.HasKey(s => new { s.Sku, s.LocationCode, s.Date, s.Channel });
        b.Property(s => s.Sku).IsCode();
        b.Property(s => s.LocationCode).IsCode();
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.Sku).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Location>().WithMany().HasForeignKey(s => s.LocationCode).OnDelete(DeleteBehavior.Restrict);
    }
}
