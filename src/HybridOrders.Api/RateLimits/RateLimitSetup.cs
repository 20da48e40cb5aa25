using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using HybridOrders.Api.Problems;

namespace HybridOrders.Api.RateLimits;

/// <summary><c>RateLimits:Roles:&lt;role&gt;</c>: a token bucket per API key. <c>Burst</c> requests at once, refilled at
/// <c>PerSecond</c>. Unauthenticated requests (health, Swagger, the monitor's files, bad keys) share the
/// <c>anonymous</c> limits per client address.</summary>
public sealed class RoleLimit
{
    public int PerSecond { get; set; }
    public int Burst { get; set; }
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Defaults far above what one key does in the benchmarks (32 clients on one admin key: about 1,000 requests/s).</summary>
    public Dictionary<string, RoleLimit> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly RoleLimit Default = new() { PerSecond = 5_000, Burst = 10_000 };
    public static readonly RoleLimit Anonymous = new() { PerSecond = 200, Burst = 1_000 };

    public RoleLimit For(string role) =>
        Roles.TryGetValue(role, out var configured) && configured.PerSecond > 0 && configured.Burst > 0
            ? configured
            : role == "anonymous" ? Anonymous : Default;
}

/// <summary>
/// Per-key rate limits with ASP.NET Core's rate limiter (OWASP API4): each key has its own bucket, so one key's abuse
/// never slows another; a request over the limit is refused at once (no queue) with 429 <c>rate_limited</c> and
/// <c>Retry-After</c>. Runs after authentication, so the partition is the key the request authenticated with.
/// </summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddHybridOrdersRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(options);
        if (!options.Enabled) return services;
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
                var role = key is null ? "anonymous" : http.User.FindFirstValue(ClaimTypes.Role) ?? "anonymous";
                var partition = key is null ? "address:" + http.Connection.RemoteIpAddress : "key:" + key;
                var limit = options.For(role);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Burst,
                    TokensPerPeriod = limit.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                    $"This API key sent more requests than its limit allows; retry after {retryAfter} s.");
            };
        });
        return services;
    }

    public static WebApplication UseHybridOrdersRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitOptions>().Enabled) app.UseRateLimiter();
        return app;
    }
}
