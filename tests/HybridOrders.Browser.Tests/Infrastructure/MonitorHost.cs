using System.Net;
using HybridOrders.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Browser.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel, on a free 127.0.0.1 port, with its own SQLite file, serving the monitor page from its wwwroot.
/// Keys come from configuration as in production; the demo seed is off, so tests build their own little network.
/// </summary>
public class MonitorHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "browser-admin-key";
    public const string LogisticsKey = "browser-logistics-key";
    public const string StorefrontKey = "browser-storefront-key";
    public const string PosStore = "MON-KREUZBERG";
    public const string PosKey = "browser-pos-kreuzberg";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hybridorders-browser-{Guid.NewGuid():N}.db");
    private readonly IReadOnlyDictionary<string, string> _settings;

    public MonitorHost(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>e.g. http://127.0.0.1:41234 — known once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public MonitorHost Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:HybridOrders", $"Data Source={_file};Default Timeout=60");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Monitor:RefreshSeconds", "1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        var keys = new (string Key, string Role, string? Location)[]
        {
            (AdminKey, "admin", null), (LogisticsKey, "logistics", null), (StorefrontKey, "storefront", null), (PosKey, "pos", PosStore),
        };
        for (var i = 0; i < keys.Length; i++)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Key", keys[i].Key);
            builder.UseSetting($"Auth:ApiKeys:{i}:Role", keys[i].Role);
            if (keys[i].Location is { } location) builder.UseSetting($"Auth:ApiKeys:{i}:LocationCode", location);
        }
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>An HTTP client of the real server (over the loopback socket, not an in-memory test server).</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
        GC.SuppressFinalize(this);
    }
}
