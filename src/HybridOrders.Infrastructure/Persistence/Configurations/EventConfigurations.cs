using HybridOrders.Application.Events;
using HybridOrders.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> b)
    {
        b.ToTable("Events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd(); // identity / autoincrement: unique and increasing
        b.Property(e => e.Type).HasMaxLength(64).IsRequired();
        b.Property(e => e.Data).IsRequired();
        b.Property(e => e.Locations);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Url).HasMaxLength(WebhookSubscription.MaxUrlLength).IsRequired();
        b.Property(s => s.EventTypes).HasMaxLength(2000).IsRequired();
        b.Property(s => s.Description).HasMaxLength(500);
        b.Property(s => s.Secret).HasMaxLength(100).IsRequired();
        b.Property(s => s.DisabledReason).HasMaxLength(1000);
        b.Property(s => s.LastError).HasMaxLength(500);
        b.Property(s => s.LeaseOwner).HasMaxLength(64).IsConcurrencyToken(); // a dispatcher whose lease was taken over saves nothing
        b.Ignore(s => s.Types);
        b.Ignore(s => s.ReceivesAll);
        b.Ignore(s => s.Batched);
        b.HasIndex(s => new { s.Status, s.DueAtMs });
        b.HasMany<WebhookDelivery>().WithOne().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedOnAdd();
        b.Property(d => d.Type).HasMaxLength(64).IsRequired();
        b.Property(d => d.Error).HasMaxLength(500);
        b.Ignore(d => d.Succeeded);
        b.HasIndex(d => new { d.SubscriptionId, d.Id });
        b.HasIndex(d => d.At);
    }
}
