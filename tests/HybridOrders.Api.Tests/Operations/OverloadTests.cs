using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Api.Tests.Operations;

/// <summary>A host whose pool has one connection and waits at most five seconds for it: while the test holds that connection,
/// the API cannot reach its database, as under overload. (One second made the host's own start flaky: at the start of the
/// suite, with every fixture creating its database at once, opening the connection for the migrations took longer.)</summary>
public sealed class OnePooledConnectionFactory : PostgresApiFactory
{
    protected override string ConnectionString => base.ConnectionString + ";Maximum Pool Size=1;Timeout=5";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reservations:ExpirySweepSeconds", "3600"); // no background work competing for the one connection
        builder.UseSetting("Webhooks:DispatcherEnabled", "false");
    }
}

/// <summary>When the database cannot be reached in time (pool exhausted, timeout, connection refused) a request gets a 503
/// <c>try_again</c> with Retry-After, nothing written: the client may send it again. Not a 500, which would say the service is broken.</summary>
public sealed class OverloadTests(OnePooledConnectionFactory factory) : IClassFixture<OnePooledConnectionFactory>
{
    [Fact]
    public async Task A_request_that_cannot_get_a_database_connection_in_time_is_refused_with_503_try_again()
    {
        var admin = factory.Admin();
        var location = await admin.CreateLocationAsync();

        var sku = Infrastructure.Api.Unique("OVL");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // the host's pool's only connection, taken through the host's own context and held: out of the API's reach
            await scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>().Database.OpenConnectionAsync();
            using var response = await admin.PostAsJsonAsync("/api/v1/products", new { sku, name = "Overload", unitPrice = 1m });
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            problem.Get<string>("code").ShouldBe("try_again");
            problem.Get<string>("detail").ShouldContain("database");
        }

        // the connection is back: the refused request wrote nothing, and sent again it goes through
        (await admin.GetJsonAsync($"/api/v1/products/{sku}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await admin.PostJsonAsync("/api/v1/products", new { sku, name = "Overload", unitPrice = 1m })).Expect(HttpStatusCode.Created);
        (await admin.GetJsonAsync($"/api/v1/locations/{location}")).Expect(HttpStatusCode.OK);
    }
}
