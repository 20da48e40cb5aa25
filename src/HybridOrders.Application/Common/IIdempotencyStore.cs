namespace HybridOrders.Application.Common;

/// <summary>A response as it went out, so that a retry with the same idempotency key gets it again.</summary>
public sealed record CapturedResponse(int StatusCode, string? ContentType, string Body, string? Location);

public abstract record IdempotencyOutcome
{
    /// <summary>First time: the work ran now and this is its response.</summary>
    public sealed record Executed(CapturedResponse Response) : IdempotencyOutcome;

    /// <summary>Seen before with the same request: the original response.</summary>
    public sealed record Replayed(CapturedResponse Response) : IdempotencyOutcome;

    /// <summary>Seen before with a different request.</summary>
    public sealed record KeyReused : IdempotencyOutcome;
}

/// <summary>
/// Runs work at most once per (scope, key). The key is claimed by inserting its record in the same database
/// transaction as the work, so concurrent retries wait on the unique key and then replay the committed response;
/// a refusal (4xx) is stored with the work rolled back; a server error stores nothing, so the client may retry.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyOutcome> ExecuteAsync(string scope, string key, string requestHash,
        Func<CancellationToken, Task<CapturedResponse>> work, CancellationToken ct);
}
