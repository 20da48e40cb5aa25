using System.Collections.Concurrent;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HybridOrders.Api.OpenApi;

/// <summary>
/// Schema ids as a client generator shows them: the type's own name (<c>PlaceOrder</c>, <c>PageOfOrderResponse</c>),
/// with the namespace's last segment in front only where two of our types share a name (<c>Orders.X</c> and
/// <c>Returns.X</c>). Remembers which type each id stands for, for the filters that need the type behind a schema.
/// </summary>
public static class SchemaTypes
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    /// <summary>Short names used by more than one of our public types.</summary>
    private static readonly Lazy<HashSet<string>> Colliding = new(() =>
        new[] { typeof(SchemaTypes).Assembly, typeof(Application.DependencyInjection).Assembly, typeof(Domain.Common.DomainException).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .GroupBy(ShortName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal));

    public static string Id(Type type)
    {
        var id = type.IsGenericType
            ? Name(type) + "Of" + string.Join("And", type.GetGenericArguments().Select(Id))
            : Name(type);
        Types.TryAdd(id, type);
        return id;
    }

    /// <summary>The type behind each schema id handed out so far.</summary>
    public static IReadOnlyDictionary<string, Type> ById(SchemaRepository _) => Types;

    private static string Name(Type type)
    {
        var name = ShortName(type);
        if (!Colliding.Value.Contains(name)) return name;
        var ns = (type.Namespace ?? "").Split('.').LastOrDefault();
        return (ns is { Length: > 0 } && ns != "HybridOrders" ? ns + "." : "") + (type.DeclaringType is { } outer ? outer.Name + "." : "") + name;
    }

    private static string ShortName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
}
