namespace HybridOrders.Domain.Common;

/// <summary>Where a customer interaction started. Serialized as pos, app, web, call_centre.</summary>
public enum SalesChannel
{
    Pos,
    App,
    Web,
    CallCentre,
}
