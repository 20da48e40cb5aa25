using HybridOrders.Domain.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

internal sealed class CapacityDayConfiguration : IEntityTypeConfiguration<CapacityDay>
{
    public void Configure(EntityTypeBuilder<CapacityDay> b)
    {
        b.ToTable("LocationCapacityDays");
        b.HasKey(c => new { c.LocationCode, c.Day });
        b.Property(c => c.LocationCode).IsCode();
        b.Property(c => c.Day).HasMaxLength(10).IsUnicode(false);
        b.HasOne<Location>().WithMany().HasForeignKey(c => c.LocationCode).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_LocationCapacityDays_Used", "\"Used\" >= 0"));
    }
}
