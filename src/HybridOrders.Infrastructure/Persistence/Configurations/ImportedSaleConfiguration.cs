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
        // SKU first: a forecast reads one SKU (at one location, or over the network) by date.
        b.HasKey(s => new { s.Sku, s.LocationCode, s.Date, s.Channel });
        b.Property(s => s.Sku).IsCode();
        b.Property(s => s.LocationCode).IsCode();
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.Sku).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Location>().WithMany().HasForeignKey(s => s.LocationCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Sku, s.Date });
    }
}
