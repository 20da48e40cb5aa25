using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HybridOrders.Benchmarks;

/// <summary>Where one phase spent its resources, per hold: CPU of the API process, of the PostgreSQL server and of this
/// client, and what else ran on the machine; commits, WAL flushes and bytes; round trips to PostgreSQL (TCP data segments
/// sent to it) by the API and by this client; and, with pg_stat_statements, the statements.</summary>
internal sealed record ResourceUse(
    double ApiCpuMsPerOp,
    double PostgresCpuMsPerOp,
    double ClientCpuMsPerOp,
    double OtherCpuMsPerOp,
    double MachineBusyPercent,
    double CommitsPerOp,
    double WalFlushesPerOp,
    double WalBytesPerOp,
    double ApiRoundTripsPerOp,
    double ClientRoundTripsPerOp,
    IReadOnlyList<StatementUse> Statements);

/// <summary>One statement shape from pg_stat_statements: how often per hold and its mean execution time in the server.</summary>
internal sealed record StatementUse(string Query, double CallsPerOp, double MeanMs);

/// <summary>What was spent between two snapshots, in absolute figures; deltas of several slices of a phase add up.</summary>
internal sealed record ResourceDelta(
    double ApiCpuMs, double PostgresCpuMs, double ClientCpuMs, double MachineBusyMs, double MachineTotalMs,
    long Commits, long WalFlushes, long WalBytes, long ApiSegments, long ClientSegments,
    IReadOnlyDictionary<long, (string Query, long Calls, double TotalMs)> Statements)
{
    public static readonly ResourceDelta Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<long, (string, long, double)>());

    public ResourceDelta Add(ResourceDelta other)
    {
        var statements = new Dictionary<long, (string Query, long Calls, double TotalMs)>(Statements);
        foreach (var (id, (query, calls, totalMs)) in other.Statements)
        {
            var (_, c, t) = statements.GetValueOrDefault(id);
            statements[id] = (query, c + calls, t + totalMs);
        }
        return new ResourceDelta(ApiCpuMs + other.ApiCpuMs, PostgresCpuMs + other.PostgresCpuMs, ClientCpuMs + other.ClientCpuMs,
            MachineBusyMs + other.MachineBusyMs, MachineTotalMs + other.MachineTotalMs, Commits + other.Commits,
            WalFlushes + other.WalFlushes, WalBytes + other.WalBytes, ApiSegments + other.ApiSegments,
            ClientSegments + other.ClientSegments, statements);
    }

    public ResourceUse PerOp(long ops, bool apiMeasured)
    {
        double Per(double value) => ops == 0 ? double.NaN : value / ops;
        var statements = Statements.Values
            .Where(s => s.Calls > 0 && Per(s.Calls) >= 0.01)
            .OrderByDescending(s => s.Calls)
            .Select(s => new StatementUse(s.Query, Per(s.Calls), s.TotalMs / s.Calls))
            .ToList();
        return new ResourceUse(Per(ApiCpuMs), Per(PostgresCpuMs), Per(ClientCpuMs),
            MachineTotalMs > 0 ? Per(Math.Max(0, MachineBusyMs - ApiCpuMs - ClientCpuMs - PostgresCpuMs)) : double.NaN,
            MachineTotalMs > 0 ? 100 * MachineBusyMs / MachineTotalMs : double.NaN,
            Per(Commits), Per(WalFlushes), Per(WalBytes),
            apiMeasured ? Per(ApiSegments) : double.NaN, Per(ClientSegments), statements);
    }
}

/// <summary>Cumulative counters at one moment; two of them make a <see cref="ResourceDelta"/>.</summary>
internal sealed class ResourceSnapshot
{
    public required double ApiCpuMs { get; init; }
    public required Dictionary<int, double> PostgresCpuMs { get; init; }
    public required double ClientCpuMs { get; init; }
    public required double MachineBusyMs { get; init; }
    public required double MachineTotalMs { get; init; }
    public required long Commits { get; init; }
    public required long WalFlushes { get; init; }
    public required long WalBytes { get; init; }
    public required Dictionary<long, (string Query, long Calls, double TotalMs)> Statements { get; init; }
    /// <summary>Data segments sent to PostgreSQL per connection (local port): the owning process and the count.</summary>
    public required Dictionary<int, (int Pid, long Segments)> SegmentsToPostgres { get; init; }

    public ResourceDelta Minus(ResourceSnapshot before, int? apiPid)
    {
        var statements = new Dictionary<long, (string, long, double)>();
        foreach (var (id, (query, calls, totalMs)) in Statements)
        {
            var (_, c, t) = before.Statements.GetValueOrDefault(id);
            if (calls > c) statements[id] = (query, calls - c, totalMs - t);
        }
        return new ResourceDelta(
            ApiCpuMs - before.ApiCpuMs,
            PostgresCpuMs.Sum(p => p.Value - before.PostgresCpuMs.GetValueOrDefault(p.Key)),
            ClientCpuMs - before.ClientCpuMs,
            MachineBusyMs - before.MachineBusyMs, MachineTotalMs - before.MachineTotalMs,
            Commits - before.Commits, WalFlushes - before.WalFlushes, WalBytes - before.WalBytes,
            apiPid is { } pid ? SegmentsSentBy(pid, before) : 0, SegmentsSentBy(Environment.ProcessId, before),
            statements);
    }

    private long SegmentsSentBy(int pid, ResourceSnapshot before) => SegmentsToPostgres
        .Where(s => s.Value.Pid == pid)
        .Sum(s => s.Value.Segments - (before.SegmentsToPostgres.TryGetValue(s.Key, out var b) && b.Pid == pid ? b.Segments : 0));
}

/// <summary>Takes resource snapshots on Linux (from /proc and <c>ss</c>; without them those figures stay zero).
/// PostgreSQL's cumulative statistics are flushed by busy backends about once a second, so commits and WAL per hold are
/// close, not exact; pg_stat_statements counts are exact.</summary>
internal sealed partial class ResourceProbe(NpgsqlDataSource admin, int? apiPid, int postgresPort) : IAsyncDisposable
{
    /// <summary>Kernel clock ticks per second of /proc figures (USER_HZ: 100 on every mainstream Linux).</summary>
    private const double MsPerTick = 1000.0 / 100;

    private bool? _statementsAvailable;
    private int? _postmasterPid;

    public int? ApiPid => apiPid;

    public async Task<ResourceSnapshot> SnapshotAsync()
    {
        await using var connection = await admin.OpenConnectionAsync();
        _statementsAvailable ??= await ScalarAsync<bool>(connection,
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')");
        _postmasterPid ??= ReadStat(await ScalarAsync<int>(connection, "SELECT pg_backend_pid()"))?.ParentPid ?? -1;
        var (busy, total) = MachineMs();
        return new ResourceSnapshot
        {
            ApiCpuMs = apiPid is { } pid ? CpuMsOf(pid) : 0,
            PostgresCpuMs = PostgresCpuMs(),
            ClientCpuMs = CpuMsOf(Environment.ProcessId),
            MachineBusyMs = busy,
            MachineTotalMs = total,
            Commits = await ScalarAsync<long>(connection, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
            WalFlushes = await ScalarAsync<long>(connection, "SELECT wal_sync FROM pg_stat_wal"),
            WalBytes = (long)await ScalarAsync<decimal>(connection, "SELECT wal_bytes FROM pg_stat_wal"),
            Statements = _statementsAvailable == true ? await StatementsAsync(connection) : [],
            SegmentsToPostgres = await SegmentsToPostgresAsync(),
        };
    }

    /// <summary>Deadlocks PostgreSQL detected in the benchmark's database so far (pg_stat_database).</summary>
    public async Task<long> DeadlocksAsync()
    {
        await using var connection = await admin.OpenConnectionAsync();
        return await ScalarAsync<long>(connection, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    /// <summary>Resident memory of a process in MB (VmRSS), NaN when unknown.</summary>
    public static double RssMb(int? pid) => StatusKb(pid, "VmRSS:") / 1024;

    /// <summary>The highest resident memory of a process so far in MB (VmHWM), NaN when unknown.</summary>
    public static double PeakRssMb(int? pid) => StatusKb(pid, "VmHWM:") / 1024;

    private static double StatusKb(int? pid, string field)
    {
        try
        {
            var line = pid is null ? null : File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public async Task CheckpointAsync()
    {
        await using var connection = await admin.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => admin.DisposeAsync();

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<long, (string, long, double)>> StatementsAsync(NpgsqlConnection connection)
    {
        const string sql = """
            SELECT queryid, query, calls, total_exec_time + total_plan_time FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%pg_stat%' AND query NOT ILIKE '%pg_extension%' AND query NOT ILIKE '%pg_backend_pid%'
              AND queryid IS NOT NULL
            """;
        var result = new Dictionary<long, (string, long, double)>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[reader.GetInt64(0)] = (reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3));
        return result;
    }

    /// <summary>CPU time of the PostgreSQL server the probe is connected to: its postmaster and every process that
    /// postmaster started (backends, WAL writer, checkpointer...), found through the probe's own backend so that another
    /// cluster on the machine is not counted. Empty when the server is not on this machine.</summary>
    private Dictionary<int, double> PostgresCpuMs()
    {
        var result = new Dictionary<int, double>();
        if (_postmasterPid is not > 0 || !Directory.Exists("/proc")) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadStat(pid) is { } stat
                && (pid == _postmasterPid || stat.ParentPid == _postmasterPid))
                result[pid] = (stat.UserTicks + stat.SystemTicks) * MsPerTick;
        }
        return result;
    }

    private static double CpuMsOf(int pid) => ReadStat(pid) is { } stat ? (stat.UserTicks + stat.SystemTicks) * MsPerTick : 0;

    private sealed record ProcStat(int ParentPid, long UserTicks, long SystemTicks);

    private static ProcStat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or no /proc
        }
        // "pid (comm) state ppid ... utime(14) stime(15) ...": comm may hold spaces and parentheses, so split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>Busy and total CPU time of the whole machine from /proc/stat (busy = all but idle and iowait).</summary>
    private static (double Busy, double Total) MachineMs()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return ((total - ticks[3] - ticks[4]) * MsPerTick, total * MsPerTick);
    }

    /// <summary>Per TCP connection to the PostgreSQL port: the owning process and the data segments it has sent, from
    /// <c>ss -tinp</c>. A client writes each round trip's messages in one go, so segments sent ≈ round trips.</summary>
    private async Task<Dictionary<int, (int, long)>> SegmentsToPostgresAsync()
    {
        var result = new Dictionary<int, (int, long)>();
        string output;
        try
        {
            using var ss = Process.Start(new ProcessStartInfo("ss", ["-tinpH", "state", "established", $"dport = :{postgresPort}"])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            output = await ss.StandardOutput.ReadToEndAsync();
            await ss.WaitForExitAsync();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return result; // no ss on this machine
        }
        // Each socket is a line "... 127.0.0.1:LOCALPORT 127.0.0.1:PGPORT users:(("dotnet",pid=N,fd=M))" followed by an
        // indented line of TCP info holding "data_segs_out:N" (absent while zero).
        int? localPort = null, pid = null;
        foreach (var line in output.Split('\n'))
        {
            if (SocketLine().Match(line) is { Success: true } socket)
            {
                localPort = int.Parse(socket.Groups["port"].Value, CultureInfo.InvariantCulture);
                pid = UsersPid().Match(line) is { Success: true } u ? int.Parse(u.Groups["pid"].Value, CultureInfo.InvariantCulture) : null;
                if (pid is not null) result[localPort.Value] = (pid.Value, 0);
            }
            else if (localPort is { } port && pid is { } owner && SegmentsOut().Match(line) is { Success: true } segments)
            {
                result[port] = (owner, long.Parse(segments.Groups["n"].Value, CultureInfo.InvariantCulture));
            }
        }
        return result;
    }

    [GeneratedRegex(@"^\s*\d+\s+\d+\s+\S+:(?<port>\d+)\s+\S+:\d+")]
    private static partial Regex SocketLine();

    [GeneratedRegex(@"pid=(?<pid>\d+)")]
    private static partial Regex UsersPid();

    [GeneratedRegex(@"\bdata_segs_out:(?<n>\d+)")]
    private static partial Regex SegmentsOut();
}
