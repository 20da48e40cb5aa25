using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HybridOrders.Api.Tests.Infrastructure;

/// <summary>
/// The API as a separate operating-system process (<c>dotnet HybridOrders.Api.dll</c> from the test output), on PostgreSQL,
/// so that a test can kill it with SIGKILL (kill -9) and start another on the same database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key";

    private readonly Process _process;

    public Uri BaseAddress { get; }

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static async Task<ApiProcess> StartAsync(string database, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var directory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet", Path.Combine(directory, "HybridOrders.Api.dll"))
        {
            WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "postgresql",
            ["ConnectionStrings__HybridOrders"] = $"{PostgresServer.ConnectionString};Database={database}",
            ["Demo__Seed"] = "false",
            ["Auth__ApiKeys__0__Key"] = AdminKey,
            ["Auth__ApiKeys__0__Role"] = "admin",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings) env[key.Replace(":", "__")] = value;
        foreach (var (key, value) in env) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The API process exited with {process.ExitCode}: {string.Join('\n', output.TakeLast(30))}");
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return api;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        api.Kill();
        throw new TimeoutException($"The API process did not become ready within 60 s: {string.Join('\n', output.TakeLast(30))}");
    }

    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, like a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false); // Process.Kill sends SIGKILL on Unix
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
