using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HybridOrders.Api.Tests.Database;

/// <summary>
/// A save detects its changes once and switches automatic detection off for the rest of it (HybridOrdersDbContext.SaveChanges):
/// it must be back on when the save ends, however it ends, or a later save of the same unit of work would silently drop changes
/// that only detection finds (a property set by a domain method).
/// </summary>
public abstract class ChangeDetectionTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    [Fact]
    public async Task Changes_made_after_a_save_are_detected_by_the_next_save_of_the_same_context()
    {
        var code = await _admin.CreateLocationAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IHybridOrdersDbContext>();
            var context = (DbContext)db;
            var location = await db.Locations.SingleAsync(l => l.Code == code);

            location.SetDailyCapacity(7);
            await context.SaveChangesAsync();
            context.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();

            location.SetDailyCapacity(9); // found only by detection
            context.SaveChanges(); // the synchronous path too
            context.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
        }
        (await CapacityAsync(code)).ShouldBe(9);
    }

    [Fact]
    public async Task A_failed_save_switches_detection_back_on()
    {
        var code = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IHybridOrdersDbContext>();
            var context = (DbContext)db;
            var location = await db.Locations.SingleAsync(l => l.Code == code);

            var duplicate = new Product(sku, "the same SKU again", 1m, SystemClock.Instance.GetCurrentInstant());
            db.Products.Add(duplicate);
            await Should.ThrowAsync<DbUpdateException>(() => context.SaveChangesAsync());
            context.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();

            context.Entry(duplicate).State = EntityState.Detached;
            location.SetDailyCapacity(5);
            await context.SaveChangesAsync();
        }
        (await CapacityAsync(code)).ShouldBe(5);
    }

    private async Task<int?> CapacityAsync(string code)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHybridOrdersDbContext>();
        return await db.Locations.AsNoTracking().Where(l => l.Code == code).Select(l => l.DailyCapacity).SingleAsync();
    }
}

public sealed class ChangeDetectionTestsOnSqlite(SqliteApiFactory factory) : ChangeDetectionTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ChangeDetectionTestsOnPostgres(PostgresApiFactory factory) : ChangeDetectionTests(factory), IClassFixture<PostgresApiFactory>;
