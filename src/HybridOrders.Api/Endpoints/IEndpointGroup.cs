using System.Reflection;

namespace HybridOrders.Api.Endpoints;

/// <summary>
/// One capability's routes (locations, orders, fulfilments, …). Every non-abstract implementation in this assembly is
/// found at start-up and mapped under <c>/api/v1</c>: adding a capability is adding a class, never editing Program.cs.
/// </summary>
public interface IEndpointGroup
{
    /// <summary>The route prefix under <c>/api/v1</c> (<c>"/orders"</c>), or <c>""</c> when the capability's routes sit
    /// under more than one resource (stock lines live under <c>/locations/{code}/stock</c> and <c>/stock</c>).</summary>
    string Prefix { get; }

    /// <summary>The Swagger tag of every route in the group.</summary>
    string Tag { get; }

    void Map(RouteGroupBuilder group);
}

public static class EndpointGroupDiscovery
{
    /// <summary>Maps every <see cref="IEndpointGroup"/> of this assembly, in name order so the document is stable.</summary>
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder api)
    {
        var groups = typeof(IEndpointGroup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (IEndpointGroup)Activator.CreateInstance(t, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, null, null)!);
        foreach (var group in groups)
            group.Map(api.MapGroup(group.Prefix).WithTags(group.Tag));
        return api;
    }
}
