using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HybridOrders.Api.Telemetry;

/// <summary>
/// OpenTelemetry (ADR 0008). Metrics: ASP.NET Core, outgoing HTTP, the .NET runtime, Npgsql and the product's own meter
/// <see cref="HybridOrdersMetrics"/>, scraped at <c>GET /metrics</c> (Prometheus text) and pushed by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces (ASP.NET Core, Npgsql, outgoing HTTP) only go somewhere over OTLP,
/// so they are collected only then. <c>Telemetry:Enabled=false</c> turns all of it off (no /metrics).
/// Logs: JSON on the console outside Development, with scopes, so every line of a request carries its TraceId/SpanId.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Telemetry";

    public static WebApplicationBuilder AddHybridOrdersTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        if (!Enabled(builder.Configuration)) return builder;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "hybridorders"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HybridOrdersMetrics.MeterName, "Npgsql")
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (otlp)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
            telemetry.UseOtlpExporter(); // endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* variables
        }
        return builder;
    }

    /// <summary><c>GET /metrics</c>: anonymous only when <c>Metrics:AllowAnonymous</c> is true, otherwise an admin key.</summary>
    public static WebApplication MapHybridOrdersMetrics(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return app;
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Configuration.GetValue("Metrics:AllowAnonymous", false)) endpoint.AllowAnonymous();
        else endpoint.RequireAuthorization(Policies.Admin);
        return app;
    }

    private static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{Section}:Enabled", true);

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/swagger");
}
