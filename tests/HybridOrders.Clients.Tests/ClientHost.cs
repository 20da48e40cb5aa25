using System.Net;
using HybridOrders.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Clients.Tests;

/// <summary>
/// The real API on Kestrel (a loopback port other processes can reach: node runs the TypeScript client against it),
/// with its own SQLite file and keys from configuration. One per test class; each flow makes its own codes.
/// </summary>
public sealed class ClientHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "clients-admin-key";
    public const string StorefrontKey = "clients-storefront-key";
    public const string LogisticsKey = "clients-logistics-key";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hybridorders-clients-{Guid.NewGuid():N}.db");

    public ClientHost() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync()
    {
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:HybridOrders", $"Data Source={_file};Default Timeout=60");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        var keys = new[] { (AdminKey, "admin"), (StorefrontKey, "storefront"), (LogisticsKey, "logistics") };
        for (var i = 0; i < keys.Length; i++)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Key", keys[i].Item1);
            builder.UseSetting($"Auth:ApiKeys:{i}:Role", keys[i].Item2);
        }
    }

    /// <summary>A POS key bound to <paramref name="locationCode"/>, as configuration would add it.</summary>
    public string PosKey(string locationCode)
    {
        var key = $"clients-pos-{locationCode}";
        Services.GetRequiredService<ApiKeyRegistry>().Add(new ApiKeyOptions { Key = key, Name = key, Role = "pos", LocationCode = locationCode });
        return key;
    }

    public HttpClient Http(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return client;
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }
}
