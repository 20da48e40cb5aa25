using System.Text.Json;

namespace HybridOrders.Api.Endpoints;

/// <summary>
/// A query-string enum in the contract's spelling (<c>?kind=store</c>, <c>?channel=call_centre</c>). Minimal APIs bind
/// enums by their C# names only; this binds the lower_snake_case names and refuses anything else with a 400.
/// </summary>
public readonly record struct SnakeCaseEnum<T>(T Value) where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
        .ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), v => v, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? value, out SnakeCaseEnum<T> result)
    {
        var found = value is not null && ByName.TryGetValue(value, out var v);
        result = found ? new SnakeCaseEnum<T>(ByName[value!]) : default;
        return found;
    }
}
