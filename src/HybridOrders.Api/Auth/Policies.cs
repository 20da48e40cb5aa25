using Microsoft.AspNetCore.Authorization;

namespace HybridOrders.Api.Auth;

/// <summary>Route-level role checks. Location binding of POS keys is checked in the use cases, where the location is known.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string AnyRole = "any-role";
    public const string StockKeeping = "stock-keeping";
    public const string Holds = "holds";
    public const string Till = "till";
    public const string Customers = "customers";
    public const string Planning = "planning";
    /// <summary>Reading a customer: store staff serve customers of every channel.</summary>
    public const string CustomerLookup = "customer-lookup";

    public static AuthorizationBuilder AddHybridOrdersPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(AnyRole, p => p.RequireRole(Roles.All))
        .AddPolicy(StockKeeping, p => p.RequireRole(Roles.Admin, Roles.Pos))
        .AddPolicy(Holds, p => p.RequireRole(Roles.Admin, Roles.Pos, Roles.Storefront))
        .AddPolicy(Till, p => p.RequireRole(Roles.Admin, Roles.Pos))
        .AddPolicy(Customers, p => p.RequireRole(Roles.Admin, Roles.Storefront))
        .AddPolicy(CustomerLookup, p => p.RequireRole(Roles.Admin, Roles.Storefront, Roles.Pos))
        .AddPolicy(Planning, p => p.RequireRole(Roles.Admin, Roles.Logistics));
}
