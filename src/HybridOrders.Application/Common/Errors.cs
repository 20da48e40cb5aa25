namespace HybridOrders.Application.Common;

/// <summary>A resource named in the route does not exist (404).</summary>
public sealed class NotFoundException(string resource, string key)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
    public string Key { get; } = key;
}

/// <summary>The caller is known but may not do this, or not at this location (403).</summary>
public sealed class ForbiddenAccessException(string message) : Exception(message);

/// <summary>The database chose this request as the victim of a deadlock or a serialization conflict more often than it was
/// worth retrying: nothing was changed, and the same request may simply be sent again after <see cref="RetryAfter"/> (503).</summary>
public sealed class TryAgainException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
