using HybridOrders.Application.Common;
using HybridOrders.Application.Events;
using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Customers;
using HybridOrders.Domain.Forecasting;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Promotions;
using HybridOrders.Domain.Returns;
using HybridOrders.Domain.Reservations;
using HybridOrders.Domain.Webhooks;
using HybridOrders.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>The one model. Each provider has a subclass (its own type mappings and migrations folder);
/// the provider is chosen at run time from <c>Database:Provider</c>.</summary>
public abstract class HybridOrdersDbContext(DbContextOptions options) : DbContext(options), IHybridOrdersDbContext
{
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<CapacityDay> CapacityDays => Set<CapacityDay>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<StockLine> StockLines => Set<StockLine>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Fulfilment> Fulfilments => Set<Fulfilment>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<Return> Returns => Set<Return>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ImportedSale> ImportedSales => Set<ImportedSale>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentifier> CustomerIdentifiers => Set<CustomerIdentifier>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Outbox rows were written in the current transaction (or SaveChanges): the commit wakes the webhook
    /// dispatcher (<see cref="Outbox.OutboxCommitInterceptor"/>). A stale mark on a pooled context costs one early look.</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>One scan of the tracked graph per save: the changes are detected here, once, and automatic detection is off for
    /// the rest of the save. Otherwise the outbox interceptor's look at the tracked aggregates (<c>ChangeTracker.Entries</c>)
    /// and SaveChanges itself, right after it, would each scan the same graph (a delivery order tracks about a dozen
    /// entities); the outbox rows the interceptor adds are tracked as they are added. The parameterless and async overloads
    /// come here too.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled) return base.SaveChanges(acceptAllChangesOnSuccess);
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try { return base.SaveChanges(acceptAllChangesOnSuccess); }
        finally { ChangeTracker.AutoDetectChangesEnabled = true; }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken); }
        finally { ChangeTracker.AutoDetectChangesEnabled = true; }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HybridOrdersDbContext).Assembly);
        // Raised events live on the aggregate until they are saved as outbox rows (Outbox/OutboxInterceptor): never columns.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(AggregateRoot).IsAssignableFrom(e.ClrType)).ToList())
            modelBuilder.Entity(entity.ClrType).Ignore(nameof(AggregateRoot.DomainEvents));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums are stored by name: readable in SQL and safe against reordering.
        builder.Properties<LocationKind>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<MovementKind>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<ReservationStatus>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<SalesChannel>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<OrderStatus>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<FulfilmentStatus>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<FulfilmentType>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<FulfilmentMode>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<RejectionReason>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<PromotionKind>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<ItemCondition>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<WebhookStatus>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<decimal>().HavePrecision(18, 2);
    }
}
