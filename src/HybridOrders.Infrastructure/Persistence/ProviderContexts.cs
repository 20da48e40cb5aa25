using HybridOrders.Infrastructure.Persistence.Configurations;
using HybridOrders.Infrastructure.Persistence.Conversions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>SQLite, the embedded default: instants as ticks and money as minor units (both longs, so
/// comparisons, ordering and sums run in SQL), local times as TimeOnly text.</summary>
public sealed class SqliteHybridOrdersDbContext(DbContextOptions<SqliteHybridOrdersDbContext> options) : HybridOrdersDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        builder.Properties<Instant>().HaveConversion<InstantToTicksConverter>();
        builder.Properties<decimal>().HaveConversion<MoneyToMinorUnitsConverter>();
        builder.Properties<LocalTime>().HaveConversion<LocalTimeToTimeOnlyConverter>();
        builder.Properties<LocalDate>().HaveConversion<LocalDateToDateOnlyConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQLite generates a key only for a single INTEGER PRIMARY KEY (the rowid), and a one-file database is never sharded:
        // the ledger keeps its id alone as the key here (ADR 0012).
        modelBuilder.Entity<Domain.Inventory.StockMovement>().HasKey(m => m.Id);
    }
}

/// <summary>PostgreSQL: native timestamptz and time through Npgsql's NodaTime plugin.</summary>
public sealed class PostgresHybridOrdersDbContext(DbContextOptions<PostgresHybridOrdersDbContext> options) : HybridOrdersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The routing decisions and the event bodies are the values long enough for the server to compress (rows over ~2 KB):
        // lz4 rather than the server's default pglz, which cost about 6 % of the server's CPU per order (ADR 0018).
        modelBuilder.Entity<Domain.Orders.FulfilmentRouting>().Property(r => r.Candidates).UseCompressionMethod(Lz4);
        modelBuilder.Entity<Domain.Orders.Fulfilment>().Property(f => f.Candidates).UseCompressionMethod(Lz4);
        modelBuilder.Entity<Application.Events.EventRecord>().Property(e => e.Data).UseCompressionMethod(Lz4);
        // The stock lines are updated all the time (holds, orders, syncs) in columns no index holds: with room left on each
        // page the new row version stays on it (a HOT update) and the indexes get no entry for it, so a bulk sync no longer
        // bloats the SKU index that the availability queries read (ADR 0019).
        modelBuilder.Entity<Domain.Inventory.StockLine>().HasStorageParameter("fillfactor", StockLineFillFactor);
    }

    public const int StockLineFillFactor = 85;

    private const string Lz4 = "lz4";
}

/// <summary>SQL Server, the production target: instants as UTC datetime2, local times as time,
/// codes compared case-sensitively (binary collation) as the contract requires.</summary>
public sealed class SqlServerHybridOrdersDbContext(DbContextOptions<SqlServerHybridOrdersDbContext> options) : HybridOrdersDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        builder.Properties<Instant>().HaveConversion<InstantToUtcDateTimeConverter>();
        builder.Properties<LocalTime>().HaveConversion<LocalTimeToTimeOnlyConverter>();
        builder.Properties<LocalDate>().HaveConversion<LocalDateToDateOnlyConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Codes (SKUs, location codes) are case-sensitive; SQL Server's default collation is not.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.IsCode()))
            property.SetCollation("Latin1_General_100_BIN2");
        // Bracketed names: the constraint must not depend on the session's QUOTED_IDENTIFIER setting (sqlcmd's default is OFF).
        modelBuilder.Entity<Domain.Inventory.StockLine>().ToTable(t => t.HasCheckConstraint(StockLineConfiguration.FiguresCheck,
            "[OnHand] >= 0 AND [Reserved] >= 0 AND [Reserved] <= [OnHand] AND [SafetyStock] >= 0"));
    }
}

// Design-time factories: `dotnet ef` builds each context with these, independent of configuration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHybridOrdersDbContext>
{
    public SqliteHybridOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHybridOrdersDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHybridOrdersDbContext>
{
    public PostgresHybridOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHybridOrdersDbContext>()
            .UseNpgsql("Host=localhost;Database=hybridorders", o => o.UseNodaTime()).Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerHybridOrdersDbContext>
{
    public SqlServerHybridOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerHybridOrdersDbContext>()
            .UseSqlServer("Server=localhost;Database=HybridOrders;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
