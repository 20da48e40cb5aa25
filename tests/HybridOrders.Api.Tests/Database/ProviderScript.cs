using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HybridOrders.Api.Tests.Database;

/// <summary>
/// One provider's committed SQL script (db/{folder}/hybridorders.sql) and the context it is generated from, built the
/// way the service builds it (same provider options), so that the script can be regenerated in-process and compared.
/// </summary>
public sealed class ProviderScript
{
    public const string RegenerateHint = "run scripts/db-scripts.sh and commit db/";

    public static readonly IReadOnlyDictionary<string, ProviderScript> All = new[]
    {
        new ProviderScript("sqlserver", idempotent: true, cs => new SqlServerHybridOrdersDbContext(
            new DbContextOptionsBuilder<SqlServerHybridOrdersDbContext>().UseSqlServer(cs).Options),
            "Server=localhost;Database=hybridorders_script"),
        new ProviderScript("postgresql", idempotent: true, cs => new PostgresHybridOrdersDbContext(
            new DbContextOptionsBuilder<PostgresHybridOrdersDbContext>().UseNpgsql(cs, o => o.UseNodaTime()).Options),
            "Host=localhost;Database=hybridorders_script"),
        new ProviderScript("sqlite", idempotent: false, cs => new SqliteHybridOrdersDbContext(
            new DbContextOptionsBuilder<SqliteHybridOrdersDbContext>().UseSqlite(cs).Options),
            "Data Source=:memory:"),
    }.ToDictionary(p => p.Folder);

    private readonly Func<string, HybridOrdersDbContext> _createContext;
    private readonly string _dummyConnectionString;

    private ProviderScript(string folder, bool idempotent, Func<string, HybridOrdersDbContext> createContext, string dummyConnectionString)
    {
        Folder = folder;
        Idempotent = idempotent;
        _createContext = createContext;
        _dummyConnectionString = dummyConnectionString;
    }

    /// <summary>The folder under db/: sqlserver, postgresql or sqlite.</summary>
    public string Folder { get; }

    /// <summary>True for SQL Server and PostgreSQL; EF cannot make an idempotent SQLite script.</summary>
    public bool Idempotent { get; }

    public string RelativePath => $"db/{Folder}/hybridorders.sql";

    public string FullPath => Path.Combine(RepoRoot.Path, "db", Folder, "hybridorders.sql");

    /// <summary>The committed script, with line endings normalised.</summary>
    public string Committed() => Normalise(File.ReadAllText(FullPath));

    /// <summary>What <c>scripts/db-scripts.sh</c> would write now, from the migrations compiled into this build.</summary>
    public string Generate()
    {
        using var db = Context();
        return Normalise(db.GetService<IMigrator>().GenerateScript(
            options: Idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default));
    }

    /// <summary>A context on <paramref name="connectionString"/>, or on a dummy one where no database is needed.</summary>
    public HybridOrdersDbContext Context(string? connectionString = null) => _createContext(connectionString ?? _dummyConnectionString);

    /// <summary>The tables the script must create: every table of the model, and EF's migrations history.</summary>
    public IReadOnlySet<string> ExpectedTables()
    {
        using var db = Context();
        return db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Append(HistoryRepository.DefaultTableName).ToHashSet(StringComparer.Ordinal);
    }

    private static string Normalise(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n").TrimEnd() + "\n";
}

/// <summary>The repository root (where HybridOrders.sln is), found from the test assembly's folder.</summary>
public static class RepoRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HybridOrders.sln"))) return dir.FullName;
        throw new InvalidOperationException($"HybridOrders.sln not found above {AppContext.BaseDirectory}.");
    }
}
