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
