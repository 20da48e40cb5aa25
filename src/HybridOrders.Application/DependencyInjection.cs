using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Application;

public static class DependencyInjection
{
    /// <summary>Registers the validators. Mediator itself is composed by the host (its source generator lives there).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // One message per field: a rule stops at its first failure (no 'must be 1–64 characters' after 'must not be empty').
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonName(member.Name);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<Promotions.PromotionRedemption>();
        services.AddScoped<Availability.StockQueries>();
        services.AddScoped<Orders.FulfilmentPlanner>();
        services.AddScoped<Customers.CustomerRegistry>();
        services.AddScoped<Orders.OrderPricing>();
        return services;
    }

    private static string JsonName(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
