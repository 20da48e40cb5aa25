using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Application.Forecasting;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Forecasting;

/// <summary>Sales history, the forecast and the safety-stock suggestion through the API. The host's clock stands at
/// Wednesday 2030-03-06 11:00 in Berlin, so the last complete day of history is 2030-03-05.</summary>
public abstract class ForecastTests(ApiFactory factory)
{
    private static readonly Instant Now = Instant.FromUtc(2030, 3, 6, 10, 0);
    protected static readonly LocalDate Yesterday = new(2030, 3, 5);
    private static readonly int[] Weekly = [10, 12, 11, 13, 18, 25, 6];
    private readonly HttpClient _admin = factory.Admin();

    protected ApiFactory Factory => factory;

    /// <summary>A weekly pattern on a linear trend with seeded Gaussian noise, one value a day, oldest first.</summary>
    private static int[] Synthetic(int days, double slope, double noise, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, days).Select(t =>
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (int)Math.Max(0, Math.Round(20 + slope * t + Weekly[t % 7] + noise * gaussian));
        }).ToArray();
    }

    /// <summary>Imports <paramref name="quantities"/> as the days ending on <paramref name="last"/>.</summary>
    protected async Task ImportAsync(string location, string sku, IReadOnlyList<int> quantities, LocalDate last, string channel = "web")
    {
        var lines = quantities.Select((q, i) => new { date = last.PlusDays(i - quantities.Count + 1).ToString("uuuu-MM-dd", null), locationCode = location, sku, channel, quantity = q }).ToArray();
        (await _admin.PostJsonAsync("/api/v1/stock/sales-history", new { lines })).Expect(HttpStatusCode.OK).Get<int>("accepted").ShouldBe(lines.Length);
    }

    protected async Task<(string Location, string Sku)> SetUpAsync()
    {
        factory.Clock!.Reset(Now);
        return (await _admin.CreateLocationAsync(), await _admin.CreateProductAsync());
    }

    [Fact]
    public async Task Forecast_beats_seasonal_naive_on_a_weekly_pattern_with_trend_over_a_held_out_month()
    {
        var (location, sku) = await SetUpAsync();
        var truth = Synthetic(20 * 7 + 28, slope: 0.15, noise: 3);
        await ImportAsync(location, sku, truth[..^28], Yesterday); // the last month of the truth is the future the service does not know

        var forecast = (await factory.Logistics().GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&days=28")).Expect(HttpStatusCode.OK);
        forecast.Get<string>("method").ShouldStartWith("holt_winters_");
        var days = forecast["days"]!.AsArray();
        days.Count.ShouldBe(28);
        days[0]!.Get<string>("date").ShouldBe("2030-03-06"); // today, the day after the history
        days.Sum(d => d!.Get<double>("quantity")).ShouldBe(forecast.Get<double>("total"), 0.05);

        // Against the month it never saw: better than repeating the last week.
        var predicted = days.Select(d => d!.Get<double>("quantity")).ToArray();
        var actual = truth[^28..];
        var wape = actual.Zip(predicted).Sum(x => Math.Abs(x.First - x.Second)) / actual.Sum();
        var lastWeek = truth[^35..^28];
        var naive = actual.Select((a, i) => (double)Math.Abs(a - lastWeek[i % 7])).Sum() / actual.Sum();
        wape.ShouldBeLessThan(naive);
        // Its own backtest, on the last 28 days of the history, says the same.
        var backtest = forecast["backtest"]!;
        backtest.Get<int>("days").ShouldBe(28);
        backtest.Get<double>("wape").ShouldBeLessThan(backtest.Get<double>("seasonalNaiveWape"));
    }

    [Fact]
    public async Task A_later_import_of_the_same_day_replaces_it_and_channels_are_summed_unless_one_is_asked_for()
    {
        var (location, sku) = await SetUpAsync();
        await ImportAsync(location, sku, Enumerable.Repeat(5, 21).ToArray(), Yesterday);
        await ImportAsync(location, sku, [9], Yesterday);                  // replaces yesterday's web line
        await ImportAsync(location, sku, [2], Yesterday, channel: "pos");  // another channel adds to it

        JsonNode History(JsonNode f) => f["history"]!;
        var all = (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&includeHistory=true")).Expect(HttpStatusCode.OK);
        History(all).Get<int>("days").ShouldBe(21);
        History(all)["series"]!.AsArray().Last()!.Get<double>("quantity").ShouldBe(11);
        var web = (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&channel=web&includeHistory=true")).Expect(HttpStatusCode.OK);
        History(web)["series"]!.AsArray().Last()!.Get<double>("quantity").ShouldBe(9);
        web.Get<string>("channel").ShouldBe("web");
        all["days"]!.AsArray().Count.ShouldBe(28); // the default horizon
    }

    [Fact]
    public async Task The_services_own_collected_orders_count_at_their_origin_on_the_local_date_and_the_network_sums_locations()
    {
        var (store, sku) = await SetUpAsync();
        var other = await _admin.CreateLocationAsync();
        await ImportAsync(store, sku, Enumerable.Repeat(1, 14).ToArray(), Yesterday);
        await ImportAsync(other, sku, Enumerable.Repeat(4, 14).ToArray(), Yesterday);
        await _admin.ReceiveAsync(store, sku, 10);

        // Placed late on Tuesday evening in Berlin (22:30 UTC is 23:30 local): it is Tuesday's sale, not Wednesday's.
        factory.Clock!.Reset(Instant.FromUtc(2030, 3, 5, 22, 30));
        var order = (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "app", customer = new { email = $"{Unique("f")}@example.com" }, lines = new[] { new { sku, quantity = 3 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        var fulfilment = order["fulfilments"]![0]!.Get<string>("id");
        var pos = factory.Pos(store);
        // A placed but uncollected order does not count yet.
        factory.Clock.Reset(Now);
        Last(await HistoryAsync(store, sku)).ShouldBe(1);
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/ready", null)).Expect(HttpStatusCode.OK);
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/collect", null)).Expect(HttpStatusCode.OK);

        Last(await HistoryAsync(store, sku)).ShouldBe(4);
        Last(await HistoryAsync(store, sku, "&channel=app")).ShouldBe(3);
        Last(await HistoryAsync(store, sku, "&channel=web")).ShouldBe(1);
        var network = (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?includeHistory=true")).Expect(HttpStatusCode.OK);
        network["locationCode"].ShouldBeNull();
        network["history"]!["series"]!.AsArray().Last()!.Get<double>("quantity").ShouldBe(8);

        static double Last(JsonNode f) => f["history"]!["series"]!.AsArray().Last()!.Get<double>("quantity");
    }

    private async Task<JsonNode> HistoryAsync(string location, string sku, string extra = "") =>
        (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&includeHistory=true{extra}")).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task Too_little_history_says_so_rather_than_inventing_numbers()
    {
        var (location, sku) = await SetUpAsync();
        await ImportAsync(location, sku, [3, 4, 5, 6, 7, 8, 9, 3, 4, 5], Yesterday);
        var forecast = (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&days=7")).Expect(HttpStatusCode.OK);
        forecast.Get<string>("method").ShouldBe("insufficient_history");
        forecast["days"]!.AsArray().ShouldBeEmpty();
        forecast["backtest"]!["wape"].ShouldBeNull();
        var suggestion = (await _admin.GetJsonAsync($"/api/v1/locations/{location}/stock/{sku}/safety-stock-suggestion")).Expect(HttpStatusCode.OK);
        suggestion["suggested"].ShouldBeNull();
        suggestion["basis"]!.Get<string>("method").ShouldBe("insufficient_history");

        // A SKU never sold anywhere: no history at all.
        var unsold = await _admin.CreateProductAsync();
        (await _admin.GetJsonAsync($"/api/v1/forecast/{unsold}")).Expect(HttpStatusCode.OK).Get<string>("method").ShouldBe("insufficient_history");
    }

    [Fact]
    public async Task The_suggestion_grows_with_the_service_level_and_the_lead_time_and_can_be_applied()
    {
        var (location, sku) = await SetUpAsync();
        await ImportAsync(location, sku, Synthetic(16 * 7, slope: 0, noise: 5), Yesterday);
        await _admin.ReceiveAsync(location, sku, 100);

        async Task<JsonNode> Suggest(double level, int lead) =>
            (await factory.Logistics().GetJsonAsync($"/api/v1/locations/{location}/stock/{sku}/safety-stock-suggestion?serviceLevel={level}&leadTimeDays={lead}"))
            .Expect(HttpStatusCode.OK);

        var byLevel = new List<int>();
        foreach (var level in new[] { 0.8, 0.9, 0.95, 0.99 }) byLevel.Add((await Suggest(level, 3)).Get<int>("suggested"));
        byLevel.ShouldBe(byLevel.Order().ToList());
        byLevel[^1].ShouldBeGreaterThan(byLevel[0]);
        var byLead = new List<int>();
        foreach (var lead in new[] { 1, 2, 4, 9 }) byLead.Add((await Suggest(0.95, lead)).Get<int>("suggested"));
        byLead.ShouldBe(byLead.Order().ToList());
        byLead[^1].ShouldBeGreaterThan(byLead[0]);

        var s = await Suggest(0.95, 4);
        var sigma = s.Get<double>("dailyDemandStdDev");
        sigma.ShouldBeInRange(2.5, 8); // the noise was σ = 5 before rounding
        s.Get<int>("suggested").ShouldBe((int)Math.Ceiling(1.6448536 * sigma * 2 - 1e-6));
        s.Get<double>("dailyDemandMean").ShouldBeInRange(25, 45);
        s.Get<int>("current").ShouldBe(0);

        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/stock/{sku}/safety-stock", new { quantity = s.Get<int>("suggested") }))
            .Expect(HttpStatusCode.OK);
        (await Suggest(0.95, 4)).Get<int>("current").ShouldBe(s.Get<int>("suggested"));
    }

    [Fact]
    public async Task Bad_history_is_refused_whole_and_nothing_is_written()
    {
        var (location, sku) = await SetUpAsync();
        object Line(string date, int quantity = 1, string? loc = null, string? s = null, string channel = "web") =>
            new { date, locationCode = loc ?? location, sku = s ?? sku, channel, quantity };
        async Task<(HttpStatusCode, JsonNode?)> Import(params object[] lines) => await _admin.PostJsonAsync("/api/v1/stock/sales-history", new { lines });

        var future = (await Import(Line("2030-03-05"), Line("2030-03-07"))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        future["errors"]!["lines[1].date"].ShouldNotBeNull();
        (await Import(Line("2030-03-05"), Line("2030-03-04", quantity: -1))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["lines[1].quantity"].ShouldNotBeNull();
        (await Import(Line("2030-03-05"), Line("2030-03-04", s: Unique("NOPE")))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "unknown_sku");
        (await Import(Line("2030-03-05"), Line("2030-03-04", loc: Unique("NOWHERE")))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "unknown_location");
        (await Import(Line("2030-03-05", channel: "fax"))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Import(Line("2030-02-30"))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Import()).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var tooMany = Enumerable.Range(0, 10_001).Select(i => Line(Yesterday.PlusDays(-(i % 1000)).ToString("uuuu-MM-dd", null))).ToArray();
        (await Import(tooMany)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["lines"].ShouldNotBeNull();

        var history = (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={location}&includeHistory=true")).Expect(HttpStatusCode.OK);
        history["history"]!.Get<int>("days").ShouldBe(0);
        // The largest request is fine.
        (await Import(Enumerable.Range(0, 10_000).Select(i => Line(Yesterday.PlusDays(-(i / 4)).ToString("uuuu-MM-dd", null), channel: new[] { "web", "app", "pos", "call_centre" }[i % 4])).ToArray()))
            .Expect(HttpStatusCode.OK).Get<int>("accepted").ShouldBe(10_000);
    }

    [Fact]
    public async Task Bad_forecast_and_suggestion_queries_are_refused()
    {
        var (location, sku) = await SetUpAsync();
        (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?days=32")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?days=0")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?channel=fax")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync($"/api/v1/forecast/{Unique("NOPE")}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await _admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={Unique("NOWHERE")}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        var suggestion = $"/api/v1/locations/{location}/stock/{sku}/safety-stock-suggestion";
        foreach (var bad in new[] { "serviceLevel=0.5", "serviceLevel=0.999", "serviceLevel=1", "serviceLevel=0.3", "serviceLevel=x", "leadTimeDays=0", "leadTimeDays=366" })
            (await _admin.GetJsonAsync($"{suggestion}?{bad}")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync($"/api/v1/locations/{Unique("NOWHERE")}/stock/{sku}/safety-stock-suggestion")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await _admin.GetJsonAsync($"/api/v1/locations/{location}/stock/{Unique("NOPE")}/safety-stock-suggestion")).ExpectProblem(HttpStatusCode.NotFound, "not_found");

        // Planning is for admin and logistics; history is imported by admin only.
        (await factory.Storefront().GetJsonAsync($"/api/v1/forecast/{sku}")).Expect(HttpStatusCode.Forbidden);
        (await factory.Pos(location).GetJsonAsync(suggestion)).Expect(HttpStatusCode.Forbidden);
        (await factory.Logistics().PostJsonAsync("/api/v1/stock/sales-history", new { lines = new[] { new { date = "2030-03-01", locationCode = location, sku, channel = "web", quantity = 1 } } }))
            .Expect(HttpStatusCode.Forbidden);
    }
}

public sealed class ForecastTestsOnSqlite(SqliteFakeClockApiFactory factory) : ForecastTests(factory), IClassFixture<SqliteFakeClockApiFactory>;

public sealed class ForecastTestsOnPostgres(PostgresFakeClockApiFactory factory) : ForecastTests(factory), IClassFixture<PostgresFakeClockApiFactory>
{
    /// <summary>A bulk import leaves the planner statistics counting its rows (ANALYZE in its transaction): a forecast asked for
    /// right after it is not planned on a table the autovacuum has not analysed yet.</summary>
    [Fact]
    public async Task A_bulk_import_refreshes_the_planner_statistics_with_it()
    {
        var (location, sku) = await SetUpAsync();
        await ImportAsync(location, sku, Enumerable.Repeat(3, ImportSalesHistoryHandler.BulkInsertRows).ToArray(), Yesterday);

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        var rows = await db.ImportedSales.LongCountAsync();
        // Below 30,000 rows ANALYZE reads every row, so its count is exact.
        var counted = await db.Database.SqlQueryRaw<float>("SELECT reltuples AS \"Value\" FROM pg_class WHERE relname = 'SalesHistory'").SingleAsync();
        ((long)counted).ShouldBe(rows);
    }
}

/// <summary>On the Citus cluster (real clock, its shared database): a bulk import, which analyses the table on PostgreSQL but not on a
/// Citus coordinator, and the forecasts from it at a location and over the network.</summary>
[Collection(CitusCollection.Name)]
public sealed class SalesHistoryOnCitusTests(CitusApiFactory factory) : IClassFixture<CitusApiFactory>
{
    [Fact]
    public async Task A_bulk_import_and_forecasts_from_it_work_on_the_cluster()
    {
        var admin = factory.Admin();
        var (first, second) = (await admin.CreateLocationAsync(), await admin.CreateLocationAsync());
        var sku = await admin.CreateProductAsync(sku: factory.NewSku());
        var last = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(-2);
        var days = ImportSalesHistoryHandler.BulkInsertRows / 2;
        var lines = new[] { first, second }.SelectMany(location => Enumerable.Range(0, days).Select(d =>
            new { date = last.PlusDays(-d).ToString("uuuu-MM-dd", null), locationCode = location, sku, channel = "pos", quantity = 3 + d % 7 })).ToArray();
        (await admin.PostJsonAsync("/api/v1/stock/sales-history", new { lines })).Expect(HttpStatusCode.OK).Get<int>("accepted").ShouldBe(2 * days);

        var one = (await admin.GetJsonAsync($"/api/v1/forecast/{sku}?locationCode={first}&days=7")).Expect(HttpStatusCode.OK);
        one.Get<string>("method").ShouldStartWith("holt_winters_");
        var network = (await admin.GetJsonAsync($"/api/v1/forecast/{sku}?days=7&includeHistory=true")).Expect(HttpStatusCode.OK);
        network["history"]!["series"]!.AsArray().Sum(d => d!.Get<double>("quantity")).ShouldBe(2 * lines.Take(days).Sum(l => l.quantity));
    }
}
