using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Reservations;
using HybridOrders.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

internal static class CodeColumns
{
    public const string Annotation = "HybridOrders:Code";

    /// <summary>A SKU or location code: 1–64 characters, compared case-sensitively on every provider.</summary>
    public static PropertyBuilder<TString> IsCode<TString>(this PropertyBuilder<TString> property) =>
        property.HasMaxLength(Codes.MaxLength).HasAnnotation(Annotation, true);

    public static bool IsCode(this Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value is true;

    /// <summary>Who the customer is, as given, in the same columns wherever a customer is recorded. Not indexed: the
    /// cross-channel lookup goes through the customer registry (CustomerIdentifiers, CustomerLinks), and an index here would
    /// only cost every hold and order its upkeep.</summary>
    public static void CustomerColumns<TOwner>(this OwnedNavigationBuilder<TOwner, CustomerRef> c) where TOwner : class
    {
        c.Property(x => x.Id).HasColumnName("CustomerId").HasMaxLength(128);
        c.Property(x => x.Email).HasColumnName("CustomerEmail").HasMaxLength(254);
        c.Property(x => x.Phone).HasColumnName("CustomerPhone").HasMaxLength(32);
        c.Property(x => x.Name).HasColumnName("CustomerName").HasMaxLength(200);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.HasKey(l => l.Code);
        b.Property(l => l.Code).IsCode();
        b.Property(l => l.Name).HasMaxLength(200).IsRequired();
        b.Property(l => l.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Ignore(l => l.Position);
        b.OwnsMany(l => l.OpeningHours, h =>
        {
            h.ToTable("LocationOpeningHours");
            h.WithOwner().HasForeignKey("LocationCode");
            h.Property<string>("LocationCode").IsCode();
            h.HasKey("LocationCode", nameof(OpeningHours.Day));
        });
        b.Navigation(l => l.OpeningHours).AutoInclude();
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.HasKey(p => p.Sku);
        b.Property(p => p.Sku).IsCode();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
    }
}

internal sealed class StockLineConfiguration : IEntityTypeConfiguration<StockLine>
{
    public const string FiguresCheck = "CK_StockLines_Figures";

    public void Configure(EntityTypeBuilder<StockLine> b)
    {
        b.HasKey(s => new { s.LocationCode, s.Sku });
        b.Property(s => s.LocationCode).IsCode();
        b.Property(s => s.Sku).IsCode();
        b.Ignore(s => s.Available);
        b.HasOne<Location>().WithMany().HasForeignKey(s => s.LocationCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.Sku).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.Sku);
        // The database itself refuses an impossible stock line, whatever code runs against it.
        b.ToTable(t => t.HasCheckConstraint(FiguresCheck, "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\" AND \"SafetyStock\" >= 0"));
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        // The SKU leads the key: a stock line and its ledger can live together on one shard (ADR 0012); Id alone is still unique.
        b.HasKey(m => new { m.Sku, m.Id });
        b.Property(m => m.Id).ValueGeneratedOnAdd();
        b.Property(m => m.LocationCode).IsCode();
        b.Property(m => m.Sku).IsCode();
        b.Property(m => m.Reference).HasMaxLength(200);
        b.HasIndex(m => new { m.LocationCode, m.Sku, m.Id });
        b.HasOne<StockLine>().WithMany().HasForeignKey(m => new { m.LocationCode, m.Sku }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.LocationCode).IsCode();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Quantities);
        b.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationCode).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(r => r.Customer, c => c.CustomerColumns());
        b.Navigation(r => r.Customer).IsRequired();
        b.OwnsMany(r => r.Lines, l =>
        {
            l.ToTable("ReservationLines");
            l.WithOwner().HasForeignKey("ReservationId");
            l.HasKey("ReservationId", nameof(ReservationLine.Sku));
            l.Property(x => x.Sku).IsCode();
        });
        b.Navigation(r => r.Lines).AutoInclude();
        b.HasIndex(r => new { r.Status, r.ExpiresAt });
        b.HasIndex(r => r.LocationCode);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.Scope, r.Key });
        b.Property(r => r.Scope).HasMaxLength(200);
        b.Property(r => r.Key).HasMaxLength(128);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.Location).HasMaxLength(500);
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Domain.Orders.Order>
{
    public void Configure(EntityTypeBuilder<Domain.Orders.Order> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Number).HasMaxLength(32).IsRequired();
        // Unique through the key: the id is derived from the number (OrderNumbers), so no second unique index is needed (ADR 0012).
        b.HasIndex(o => o.Number);
        b.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        b.Property(o => o.PromoCode).HasMaxLength(64);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.Quantities);
        b.OwnsOne(o => o.Customer, c => c.CustomerColumns());
        b.Navigation(o => o.Customer).IsRequired();
        b.OwnsMany(o => o.Lines, l =>
        {
            l.ToTable("OrderLines");
            l.WithOwner().HasForeignKey("OrderId");
            l.HasKey("OrderId", nameof(Domain.Orders.OrderLine.Sku));
            l.Property(x => x.Sku).IsCode();
        });
        b.Navigation(o => o.Lines).AutoInclude();
        b.HasMany(o => o.Fulfilments).WithOne().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Fulfilments).HasField("_fulfilments");
        b.HasIndex(o => new { o.PlacedAt, o.Number });
        b.HasIndex(o => new { o.Channel, o.PlacedAt });
    }
}

internal sealed class FulfilmentConfiguration : IEntityTypeConfiguration<Domain.Orders.Fulfilment>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Domain.Orders.Fulfilment> b)
    {
        // Keyed within its order: an order and everything of it can live together on one shard (ADR 0012).
        b.HasKey(f => new { f.OrderId, f.Id });
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(f => new { f.OrderId, f.Code }).IsUnique(); // the code is the order number and a counter: unique with the order's
        b.HasIndex(f => f.Id);
        b.Property(f => f.OriginLocationCode).IsCode();
        b.Property(f => f.DestinationLocationCode).IsCode();
        b.Property(f => f.RoutingStrategy).HasMaxLength(64).IsRequired();
        b.Property(f => f.PickupTimeZone).HasMaxLength(64);
        b.Ignore(f => f.Quantities);
        b.Ignore(f => f.StockLocationCode);
        b.Ignore(f => f.PickupLocationCode);
        b.Ignore(f => f.IsEnded);
        b.Ignore(f => f.CanBeCancelled);
        b.Ignore(f => f.Destination);
        b.HasOne<Location>().WithMany().HasForeignKey(f => f.OriginLocationCode).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(f => f.DestinationAddress, a =>
        {
            a.Property(x => x.Line1).HasColumnName("AddressLine1").HasMaxLength(200);
            a.Property(x => x.City).HasColumnName("AddressCity").HasMaxLength(100);
            a.Property(x => x.PostalCode).HasColumnName("AddressPostalCode").HasMaxLength(20);
            a.Property(x => x.Country).HasColumnName("AddressCountry").HasMaxLength(2);
        });
        b.OwnsMany(f => f.Lines, l =>
        {
            l.ToTable("FulfilmentLines");
            l.WithOwner().HasForeignKey("OrderId", "FulfilmentId");
            l.HasKey("OrderId", "FulfilmentId", nameof(Domain.Orders.FulfilmentLine.Sku));
            l.Property(x => x.Sku).IsCode();
        });
        b.Navigation(f => f.Lines).AutoInclude();
        // The routing decision is read and written whole, never queried into: one JSON text column on every provider.
        b.Property(f => f.Candidates)
            .HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, Json),
                v => System.Text.Json.JsonSerializer.Deserialize<List<Domain.Routing.CandidateDecision>>(v, Json) ?? new List<Domain.Routing.CandidateDecision>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<Domain.Routing.CandidateDecision>>(
                    (x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList()))
            .HasColumnName("RoutingCandidates")
            .IsRequired();
        b.Property(f => f.CandidateCount).HasColumnName("RoutingCandidateCount");
        b.Ignore(f => f.CandidatesConsidered);
        b.HasIndex(f => new { f.Status, f.PickupDeadline });
        b.HasIndex(f => new { f.OriginLocationCode, f.CreatedAt });
        b.HasIndex(f => new { f.DestinationLocationCode, f.CreatedAt });
        b.HasIndex(f => new { f.CreatedAt, f.Code });
    }
}

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Domain.Promotions.Promotion>
{
    public void Configure(EntityTypeBuilder<Domain.Promotions.Promotion> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).IsCode();
        b.ToTable(t => t.HasCheckConstraint("CK_Promotions_Redemptions", "\"Redemptions\" >= 0"));
    }
}

internal sealed class ReturnConfiguration : IEntityTypeConfiguration<Domain.Returns.Return>
{
    public void Configure(EntityTypeBuilder<Domain.Returns.Return> b)
    {
        b.HasKey(r => new { r.OrderId, r.Id }); // keyed within its order, like fulfilments (ADR 0012)
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.Id);
        b.Property(r => r.OrderNumber).HasMaxLength(32).IsRequired();
        b.Property(r => r.LocationCode).IsCode();
        b.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        b.Property(r => r.Currency).HasMaxLength(3).IsRequired();
        b.HasOne<Domain.Orders.Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationCode).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(r => r.Lines, l =>
        {
            l.ToTable("ReturnLines");
            l.WithOwner().HasForeignKey("OrderId", "ReturnId");
            l.HasKey("OrderId", "ReturnId", nameof(Domain.Returns.ReturnLine.Sku), nameof(Domain.Returns.ReturnLine.Condition));
            l.Property(x => x.Sku).IsCode();
        });
        b.Navigation(r => r.Lines).AutoInclude();
        b.HasIndex(r => new { r.OrderId, r.CreatedAt });
        b.HasIndex(r => r.CreatedAt);
    }
}
