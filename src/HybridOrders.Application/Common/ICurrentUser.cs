namespace HybridOrders.Application.Common;

public enum ApiRole
{
    Admin,
    Storefront,
    Pos,
    Logistics,
}

/// <summary>Who is calling: a role and, for a POS terminal, the one location it is bound to.</summary>
public interface ICurrentUser
{
    string? KeyId { get; }
    ApiRole? Role { get; }
    string? LocationCode { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>A POS key acts only at its own location; every other role is not location-bound.</summary>
    public static void EnsureCanActAt(this ICurrentUser user, string locationCode)
    {
        if (user.Role == ApiRole.Pos && !string.Equals(user.LocationCode, locationCode, StringComparison.Ordinal))
            throw new ForbiddenAccessException($"This POS key is bound to location '{user.LocationCode}' and cannot act at '{locationCode}'.");
    }

    public static void EnsureRole(this ICurrentUser user, params ApiRole[] roles)
    {
        if (user.Role is not { } role || !roles.Contains(role))
            throw new ForbiddenAccessException($"The role '{user.Role?.ToString().ToLowerInvariant()}' may not do this.");
    }
}
