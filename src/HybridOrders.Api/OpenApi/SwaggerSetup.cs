using HybridOrders.Api.Auth;
using HybridOrders.Api.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NodaTime;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HybridOrders.Api.OpenApi;

public static class SwaggerSetup
{
    public static IServiceCollection AddHybridOrdersSwagger(this IServiceCollection services) =>
        services.AddEndpointsApiExplorer().AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "HybridOrders API",
                Version = "v1",
                Description = "One virtual stock over all stores and the warehouse: availability, holds, orders, fulfilment. " +
                              "Every /api/v1 route needs an X-Api-Key. Errors are RFC 9457 problem details with a stable 'code'.",
            });
            // NodaTime types travel as strings.
            o.MapType<Instant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "ISO-8601 instant in UTC" });
            o.MapType<Instant?>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time", Description = "ISO-8601 instant in UTC" });
            o.MapType<QueryInstant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "ISO-8601 instant in UTC" });
            o.MapType<LocalDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            o.MapType<LocalTime>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "time", Pattern = "^[0-2][0-9]:[0-5][0-9]$" });
            o.MapType<Duration>(() => new OpenApiSchema { Type = JsonSchemaType.String, Description = "NodaTime duration, e.g. 1:02:00:00" });
            o.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "API key. Roles: admin, storefront, pos (bound to one location), logistics.",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            o.OperationFilter<ContractOperationFilter>();
            o.SchemaFilter<ProblemSchemaFilter>();
            o.DocumentFilter<RequiredPropertiesFilter>();
            o.SupportNonNullableReferenceTypes(); // string is not nullable, string? is: the records' annotations decide
            o.UseAllOfToExtendReferenceSchemas(); // so that a nullable reference (LocalMoment?) can say so beside its $ref
            o.CustomSchemaIds(SchemaTypes.Id);
            MapSnakeCaseEnum<Domain.Locations.LocationKind>(o);
            MapSnakeCaseEnum<Domain.Common.SalesChannel>(o);
            MapSnakeCaseEnum<Domain.Orders.OrderStatus>(o);
            MapSnakeCaseEnum<Domain.Orders.FulfilmentStatus>(o);
            MapSnakeCaseEnum<Domain.Orders.FulfilmentType>(o);
        });

    /// <summary>A snake_case query enum is documented as the string enum it binds.</summary>
    private static void MapSnakeCaseEnum<T>(SwaggerGenOptions o) where T : struct, Enum =>
        o.MapType<SnakeCaseEnum<T>>(() => new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = SnakeCaseEnum<T>.Names.Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n)!).ToList(),
        });

    /// <summary>Adds what every route shares: 401/403 problems, and the Idempotency-Key header where it is accepted.</summary>
    private sealed class ContractOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Responses ??= new OpenApiResponses();
            var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            foreach (var (status, text) in new[]
                     {
                         ("401", "No or unknown X-Api-Key (code unauthorized)"),
                         ("403", "This key's role or location may not do this (code forbidden)"),
                         ("429", "Too many requests from this key (code rate_limited); retry after Retry-After seconds"),
                     })
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = text,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                    Headers = status == "429"
                        ? new Dictionary<string, IOpenApiHeader>
                        {
                            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                        }
                        : null,
                });

            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "1–128 characters. A retry with the same key and body gets the original status and body; " +
                                  "the same key with another body is 422 idempotency_key_reused. Kept for at least 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 128 },
                });
            }
        }
    }
}
