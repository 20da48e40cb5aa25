namespace HybridOrders.Application.Common;

/// <summary>The one currency of this deployment (<c>Shop:Currency</c>, ISO 4217).</summary>
public sealed record ShopSettings(string Currency = "EUR");

/// <summary><c>Fulfilment:PickupDays</c> (default 3) and how far away alternatives for a pickup may be offered.</summary>
public sealed record FulfilmentSettings(int PickupDays = 3, double AlternativesRadiusKm = 50, int MaxRoutingAttempts = 5);

/// <summary><c>Returns:WindowDays</c> (default 30): how long after collection or delivery goods may come back.</summary>
public sealed record ReturnSettings(int WindowDays = 30);
