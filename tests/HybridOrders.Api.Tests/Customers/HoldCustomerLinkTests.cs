using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Customers;

/// <summary>
/// On single PostgreSQL a returning customer's hold is linked to the registry by the hold's own statement: the hold sends
/// no registry query of its own. Seen through the SQL commands Npgsql traces (its <c>Npgsql</c> activity source) under the
/// request's own trace, so the other tests running meanwhile do not count.
/// </summary>
public sealed class HoldCustomerLinkTestsOnPostgres(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>, IDisposable
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly ConcurrentQueue<(ActivityTraceId Trace, string Sql)> _commands = new();
    private readonly ActivityListener _listener = new();

    private void Listen()
    {
        _listener.ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore";
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = activity =>
        {
            if (activity.Source.Name != "Npgsql") return;
            var sql = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
            if (sql is not null) _commands.Enqueue((activity.TraceId, sql));
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Sends a hold under a trace of its own and returns the SQL commands it ran.</summary>
    private async Task<List<string>> HoldAsync(HttpClient pos, string store, string sku, object customer)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reservations")
        {
            Content = JsonContent.Create(new { locationCode = store, channel = "pos", customer, lines = new[] { new { sku, quantity = 1 } } }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await pos.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await Task.Delay(50); // the last command's activity stops as its reader is disposed
        return _commands.Where(c => c.Trace == trace).Select(c => c.Sql).ToList();
    }

    /// <summary>Starts listening, and a store with ten units of a new product and one of its POS terminals.</summary>
    private async Task<(string Store, string Sku, HttpClient Pos)> ListenAtAStoreWithStockAsync()
    {
        Listen();
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(3m);
        await _admin.ReceiveAsync(store, sku, 10);
        return (store, sku, factory.Pos(store));
    }

    private static List<string> RegistryQueries(IEnumerable<string> commands) =>
        commands.Where(sql => sql.Contains("\"CustomerIdentifiers\"", StringComparison.Ordinal) && !sql.Contains("\"StockLines\"", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_returning_customers_hold_sends_no_registry_query_of_its_own_and_a_new_customers_hold_does()
    {
        var (store, sku, pos) = await ListenAtAStoreWithStockAsync();
        var email = $"{Unique("link")}@example.com";

        var first = await HoldAsync(pos, store, sku, new { email });       // new: the registry claims the email
        first.ShouldNotBeEmpty("Npgsql traced no command for the request: the check below would prove nothing");
        RegistryQueries(first).ShouldNotBeEmpty();

        var again = await HoldAsync(pos, store, sku, new { email = email.ToUpperInvariant() }); // returning: one statement links it
        RegistryQueries(again).ShouldBeEmpty(string.Join(Environment.NewLine, again));
        again.Count(sql => sql.Contains("\"StockLines\"", StringComparison.Ordinal)).ShouldBe(1);
        again.ShouldHaveSingleItem(string.Join(Environment.NewLine, again)); // the self-committing statement alone (ADR 0013)
        again[0].ShouldContain("cust AS", Case.Sensitive, again[0]);

        var customer = (await _admin.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}")).Expect(HttpStatusCode.OK);
        customer["reservations"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_returning_customer_named_by_an_explicit_id_and_a_phone_is_one_statement_too_and_a_new_phone_is_not()
    {
        var (store, sku, pos) = await ListenAtAStoreWithStockAsync();
        var id = Unique("loyalty");
        var phone = $"+49 30 {Random.Shared.Next(1_000_000, 9_999_999)}";

        RegistryQueries(await HoldAsync(pos, store, sku, new { id, phone })).ShouldNotBeEmpty(); // new: the registry claims both
        var again = await HoldAsync(pos, store, sku, new { id, phone = phone.Replace(" ", "") }); // the same digits
        again.ShouldHaveSingleItem(string.Join(Environment.NewLine, again));
        again[0].ShouldContain("cust AS", Case.Sensitive);
        var newPhone = await HoldAsync(pos, store, sku, new { id, phone = $"+49 40 {Random.Shared.Next(1_000_000, 9_999_999)}" });
        RegistryQueries(newPhone).ShouldNotBeEmpty(); // a new identifier for a known record: the registry claims it

        var customer = (await _admin.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(id)}")).Expect(HttpStatusCode.OK);
        customer["reservations"]!.AsArray().Count.ShouldBe(3);
        customer["phones"]!.AsArray().Count.ShouldBe(2);
    }

    public void Dispose() => _listener.Dispose();
}
