using System.Text.Json;
using NodaTime;

namespace HybridOrders.Application.Events;

/// <summary>
/// One row of the transactional outbox, written in the transaction of the change it reports, and the event as the feed
/// and the webhooks show it: <c>{ id, type, occurredAt, data }</c>. <see cref="Id"/> comes from the database
/// (identity / autoincrement), so it is unique and increasing; see <see cref="EventWindow"/> for why readers only see ids
/// up to the settled mark. <see cref="Locations"/> holds the location codes the event concerns (<c>|A|B|</c>) so that a
/// POS key's feed is filtered in SQL.
/// </summary>
public sealed class EventRecord
{
    private EventRecord() { } // EF Core

    public EventRecord(string type, Instant occurredAt, string data, IEnumerable<string> locationCodes)
    {
        Type = type;
        OccurredAt = occurredAt;
        Data = data;
        var codes = locationCodes.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Locations = codes.Count == 0 ? null : "|" + string.Join('|', codes) + "|";
    }

    public long Id { get; private set; }
    public string Type { get; private set; } = null!;
    public Instant OccurredAt { get; private set; }

    /// <summary>The payload as JSON text: the resource as its GET returns it.</summary>
    public string Data { get; private set; } = null!;

    public string? Locations { get; private set; }

    public static string LocationToken(string locationCode) => "|" + locationCode + "|";
}

/// <summary>An event on the wire.</summary>
public sealed record EventResponse(long Id, string Type, Instant OccurredAt, JsonElement Data)
{
    public static EventResponse From(EventRecord e)
    {
        using var doc = JsonDocument.Parse(e.Data);
        return new EventResponse(e.Id, e.Type, e.OccurredAt, doc.RootElement.Clone());
    }
}

/// <summary>The wire JSON options (camelCase, snake_case enums, ISO instants, two-decimal money), given by the host, so that an
/// event's <c>data</c> is byte for byte what the resource's GET returns.</summary>
public sealed class EventJson(JsonSerializerOptions options)
{
    public JsonSerializerOptions Options { get; } = options;

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), Options);
}
