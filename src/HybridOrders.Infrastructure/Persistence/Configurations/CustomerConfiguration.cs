using HybridOrders.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(40).ValueGeneratedNever();
        b.Property(c => c.MergedIntoId).HasMaxLength(40);
        b.HasIndex(c => c.MergedIntoId);
    }
}

internal sealed class CustomerIdentifierConfiguration : IEntityTypeConfiguration<CustomerIdentifier>
{
    public void Configure(EntityTypeBuilder<CustomerIdentifier> b)
    {
        // The key is the uniqueness that makes two racing orders with one new email end up as one customer.
        b.HasKey(i => new { i.Kind, i.Value });
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(i => i.Value).HasMaxLength(254);
        b.Property(i => i.Display).HasMaxLength(254).IsRequired();
        b.Property(i => i.CustomerId).HasMaxLength(40).IsRequired();
        b.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.CustomerId);
    }
}

internal sealed class CustomerLinkConfiguration : IEntityTypeConfiguration<CustomerLink>
{
    public void Configure(EntityTypeBuilder<CustomerLink> b)
    {
        b.HasKey(l => new { l.Activity, l.SubjectId });
        b.Property(l => l.Activity).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.CustomerId).HasMaxLength(40).IsRequired();
        b.Property(l => l.Name).HasMaxLength(200);
        b.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.CustomerId, l.At });
    }
}
