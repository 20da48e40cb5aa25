using NodaTime;

namespace HybridOrders.Infrastructure.Idempotency;

/// <summary>A request made with an <c>Idempotency-Key</c> and the response it got, replayed to any retry.</summary>
public sealed class IdempotencyRecord
{
    public required string Scope { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public Instant CreatedAt { get; init; }
}
