using HybridOrders.Api.Auth;
using HybridOrders.Api.Endpoints;
using HybridOrders.Api.Json;
using HybridOrders.Api.OpenApi;
using HybridOrders.Api.Problems;
using HybridOrders.Api.RateLimits;
using HybridOrders.Api.Telemetry;
using HybridOrders.Application;
using HybridOrders.Application.Common;
using HybridOrders.Infrastructure;
using HybridOrders.Infrastructure.Seed;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridOrdersTelemetry();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddMediator(o =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.Assemblies = [typeof(HybridOrders.Application.DependencyInjection)];
    o.PipelineBehaviors = [typeof(MetricsBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)];
});

builder.Services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
builder.Services.AddSingleton(JsonSetup.ForEvents());
builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => JsonSetup.Configure(o.JsonSerializerOptions));
builder.Services.AddHybridOrdersProblems();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

// API keys: from configuration; the demo keys only in Development with the demo seed.
var keys = builder.Configuration.GetSection("Auth:ApiKeys").Get<List<ApiKeyOptions>>() ?? [];
var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
if (builder.Environment.IsDevelopment() && demo.Seed)
    keys.AddRange(ApiKeyRegistry.DemoKeys(DemoNetwork.Load(demo.SeedFile).StoreCodes));
builder.Services.AddSingleton(new ApiKeyRegistry(keys));
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder().AddHybridOrdersPolicies();
builder.Services.AddHybridOrdersSwagger();
builder.Services.AddHybridOrdersRateLimits(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSwagger();
app.UseSwaggerUI(o => o.DocumentTitle = "HybridOrders API");
app.UseDefaultFiles(); // /monitor/ → wwwroot/monitor/index.html; static files need no key
app.UseStaticFiles();
app.UseAuthentication();
app.UseHybridOrdersRateLimits(); // after authentication: one bucket per API key
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapHybridOrdersMetrics();
app.MapGet("/", () => Results.Redirect("/swagger")).AllowAnonymous().ExcludeFromDescription();

app.MapGroup("/api/v1").MapEndpointGroups(); // every IEndpointGroup in Endpoints/

app.Run();

public partial class Program;
