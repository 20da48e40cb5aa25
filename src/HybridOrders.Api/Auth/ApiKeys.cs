using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HybridOrders.Application.Common;

namespace HybridOrders.Api.Auth;

/// <summary>One configured key (<c>Auth:ApiKeys:n</c>): the secret, a name for logs and idempotency scopes, a role,
/// and for a POS terminal the one location it is bound to.</summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";
    public string? Name { get; set; }
    public string Role { get; set; } = "";
    public string? LocationCode { get; set; }
}

public sealed record ApiKeyIdentity(string Name, ApiRole Role, string? LocationCode);

/// <summary>The known API keys, looked up by a SHA-256 of the presented key so that lookups take the same time
/// whatever the key. Keys come from configuration; the demo keys only in Development with the demo seed.</summary>
public sealed class ApiKeyRegistry
{
    private readonly ConcurrentDictionary<string, ApiKeyIdentity> _byHash = new(StringComparer.Ordinal);

    public ApiKeyRegistry(IEnumerable<ApiKeyOptions> keys)
    {
        foreach (var k in keys) Add(k);
    }

    /// <summary>Adds a key (at start-up; tests also bind POS keys to the locations they create).</summary>
    internal void Add(ApiKeyOptions k)
    {
        {
            if (string.IsNullOrWhiteSpace(k.Key) || k.Key.Length < 8)
                throw new InvalidOperationException($"API key '{k.Name}' must be at least 8 characters.");
            if (!Enum.TryParse<ApiRole>(k.Role, ignoreCase: true, out var role))
                throw new InvalidOperationException($"API key '{k.Name}' has unknown role '{k.Role}' (admin, storefront, pos, logistics).");
            if (role == ApiRole.Pos && string.IsNullOrWhiteSpace(k.LocationCode))
                throw new InvalidOperationException($"POS API key '{k.Name}' must name its LocationCode.");
            var name = string.IsNullOrWhiteSpace(k.Name) ? $"{role.ToString().ToLowerInvariant()}:{Hash(k.Key)[..8]}" : k.Name;
            _byHash[Hash(k.Key)] = new ApiKeyIdentity(name, role, role == ApiRole.Pos ? k.LocationCode : null);
        }
    }

    public int Count => _byHash.Count;

    public ApiKeyIdentity? Find(string presented) => _byHash.GetValueOrDefault(Hash(presented));

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static IEnumerable<ApiKeyOptions> DemoKeys(IEnumerable<string> storeCodes) =>
        new[]
        {
            new ApiKeyOptions { Key = "demo-admin", Name = "demo-admin", Role = "admin" },
            new ApiKeyOptions { Key = "demo-storefront", Name = "demo-storefront", Role = "storefront" },
            new ApiKeyOptions { Key = "demo-logistics", Name = "demo-logistics", Role = "logistics" },
        }.Concat(storeCodes.Select(code => new ApiKeyOptions { Key = $"demo-pos-{code}", Name = $"demo-pos-{code}", Role = "pos", LocationCode = code }));
}
