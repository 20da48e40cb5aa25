using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HybridOrders.Api.OpenApi;

/// <summary>Problem details as this service writes them: RFC 9457 members plus the stable <c>code</c> every refusal
/// carries, and <c>errors</c> on a validation problem. Refusals may add members (shortages, alternatives…).</summary>
public sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || !typeof(ProblemDetails).IsAssignableFrom(context.Type)) return;
        concrete.Properties ??= new Dictionary<string, IOpenApiSchema>();
        concrete.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Stable machine-readable reason, e.g. insufficient_stock, invalid_transition, validation_failed, rate_limited",
        };
        concrete.Required ??= new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "type", "title", "status", "code" })
        {
            concrete.Required.Add(name);
            if (concrete.Properties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } t } inline)
                inline.Type = t & ~JsonSchemaType.Null; // always written
        }
        if (context.Type == typeof(HttpValidationProblemDetails)) concrete.Required.Add("errors");
    }
}
