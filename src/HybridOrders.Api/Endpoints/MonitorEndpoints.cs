using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;

namespace HybridOrders.Api.Endpoints;

/// <summary>What the fulfilment monitor page (<c>/monitor</c>) asks before it draws anything: who the key belongs to,
/// and the service targets it marks fulfilments against.</summary>
public sealed class MonitorEndpoints : IEndpointGroup
{
    public const string Section = "Monitor";

    /// <summary>The caller: a role and, for a POS key, the one location it is bound to.</summary>
    public sealed record MeResponse(string Role, string? LocationCode, string Name);

    /// <summary><c>Monitor:*</c>: a pickup should be ready within 2 hours of the order, a delivery shipped within 24 hours;
    /// a waiting pickup is flagged 12 hours before its deadline; the page refreshes every 5 seconds.</summary>
    public sealed record MonitorSettings(
        double ReadyForPickupWithinHours = 2,
        double ShipWithinHours = 24,
        double PickupDeadlineWarningHours = 12,
        int RefreshSeconds = 5);

    public string Prefix => "";
    public string Tag => "Monitor";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/me", (ICurrentUser user) =>
                TypedResults.Ok(new MeResponse(user.Role is { } role ? Roles.Name(role) : "", user.LocationCode, user.KeyId ?? "")))
            .RequireAuthorization(Policies.AnyRole).WithName("getCurrentKey")
            .WithSummary("The calling key's role and, for a POS key, its location; pages use it to show what the key may do");

        group.MapGet("/monitor/settings", (IConfiguration configuration) => TypedResults.Ok(Read(configuration)))
            .RequireAuthorization(Policies.AnyRole).WithName("getMonitorSettings")
            .WithSummary("Service targets the fulfilment monitor marks against (config section Monitor) and its refresh interval");
    }

    /// <summary>Configured values; anything missing or not positive keeps its default.</summary>
    private static MonitorSettings Read(IConfiguration configuration)
    {
        var defaults = new MonitorSettings();
        var configured = configuration.GetSection(Section).Get<MonitorSettings>() ?? defaults;
        return new MonitorSettings(
            configured.ReadyForPickupWithinHours > 0 ? configured.ReadyForPickupWithinHours : defaults.ReadyForPickupWithinHours,
            configured.ShipWithinHours > 0 ? configured.ShipWithinHours : defaults.ShipWithinHours,
            configured.PickupDeadlineWarningHours > 0 ? configured.PickupDeadlineWarningHours : defaults.PickupDeadlineWarningHours,
            configured.RefreshSeconds > 0 ? configured.RefreshSeconds : defaults.RefreshSeconds);
    }
}
