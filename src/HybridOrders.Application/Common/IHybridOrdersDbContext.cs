using HybridOrders.Application.Events;
using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Customers;
using HybridOrders.Domain.Forecasting;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Promotions;
using HybridOrders.Domain.Returns;
using HybridOrders.Domain.Reservations;
using HybridOrders.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Common;

/// <summary>The database as the use cases see it. Stock figures are read here but changed only through <see cref="IStockLedger"/>.</summary>
public interface IHybridOrdersDbContext
{
    DbSet<Location> Locations { get; }
    /// <summary>Read here; taken only by the stock ledger (<see cref="StockMoves.TakeCapacity"/>).</summary>
    DbSet<CapacityDay> CapacityDays { get; }
    DbSet<Product> Products { get; }
    DbSet<StockLine> StockLines { get; }
    DbSet<StockMovement> StockMovements { get; }
    DbSet<Reservation> Reservations { get; }
    DbSet<Order> Orders { get; }
    DbSet<Fulfilment> Fulfilments { get; }
    DbSet<Promotion> Promotions { get; }
    DbSet<Return> Returns { get; }
    DbSet<EventRecord> Events { get; }
    DbSet<WebhookSubscription> WebhookSubscriptions { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<ImportedSale> ImportedSales { get; }
    DbSet<Customer> Customers { get; }
    DbSet<CustomerIdentifier> CustomerIdentifiers { get; }
    DbSet<CustomerLink> CustomerLinks { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
