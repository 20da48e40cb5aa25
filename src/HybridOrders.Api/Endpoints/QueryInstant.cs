using NodaTime;
using NodaTime.Text;

namespace HybridOrders.Api.Endpoints;

/// <summary>An instant in the query string (<c>?from=2026-11-01T00:00:00Z</c>): ISO-8601 in UTC, as everywhere in the contract.</summary>
public readonly record struct QueryInstant(Instant Value)
{
    public static bool TryParse(string? value, out QueryInstant result)
    {
        var parsed = value is null ? null : InstantPattern.ExtendedIso.Parse(value);
        result = parsed is { Success: true } ? new QueryInstant(parsed.Value) : default;
        return parsed is { Success: true };
    }
}
