using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HybridOrders.Api.OpenApi;

/// <summary>
/// Marks what is always there as <c>required</c>, derived rather than annotated:
/// <list type="bullet">
/// <item>A schema only responses use: every property (System.Text.Json writes every property, null or not); whether it
/// may be null comes from the record's nullable reference types (<c>SupportNonNullableReferenceTypes</c>).</item>
/// <item>A schema a request body uses (also when a response reuses it): what its FluentValidation validator requires
/// without a condition (<c>NotNull</c>, <c>NotEmpty</c>, and the rules built on them such as <c>IsCode</c>); those
/// properties are then not nullable either, since null is refused.</item>
/// </list>
/// </summary>
public sealed class RequiredPropertiesFilter(IServiceProvider services) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var requests = Reachable(schemas, document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.RequestBody?.Content?.Values.Select(c => c.Schema) ?? []));
        var types = SchemaTypes.ById(context.SchemaRepository);

        foreach (var (id, schemaInterface) in schemas)
        {
            if (schemaInterface is not OpenApiSchema { Properties.Count: > 0 } schema) continue;
            schema.Required ??= new SortedSet<string>(StringComparer.Ordinal);
            var type = types.GetValueOrDefault(id);
            if (type is not null && typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(type)) continue; // ProblemSchemaFilter
            if (!requests.Contains(id))
            {
                foreach (var name in schema.Properties.Keys.Where(n => type is null || AlwaysWritten(type, n))) schema.Required.Add(name);
                continue;
            }
            if (type is null) continue;
            foreach (var member in RequiredMembers(type))
            {
                var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member);
                if (!schema.Properties.TryGetValue(name, out var property)) continue;
                schema.Required.Add(name);
                if (property is OpenApiSchema { Type: { } t } inline) inline.Type = (t & ~JsonSchemaType.Null) is var kept && kept != 0 ? kept : null;
            }
        }
        UnwrapPlainReferences(document);
    }

    /// <summary>Members of <paramref name="type"/> a validator refuses when missing: an unconditional NotNull or NotEmpty
    /// in the type's own validator, or in child rules (<c>ChildRules</c>, <c>SetValidator</c>) that always apply to it.
    /// A body that is bound and then copied into a command names the command with <see cref="ValidatedAsAttribute"/>.</summary>
    private IEnumerable<string> RequiredMembers(Type type)
    {
        var validated = type.GetCustomAttribute<ValidatedAsAttribute>()?.Command ?? type;
        return _validators.Value.Where(v => v.Type == validated).SelectMany(v => v.Validator.CreateDescriptor().Rules)
            .Where(rule => !IsCollectionRule(rule) && rule.PropertyName is { } name && !name.Contains('.'))
            .Where(rule => rule.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && Unconditional(c)))
            .Select(rule => rule.PropertyName!)
            .Distinct();
    }

    /// <summary>Every validator of the Application, and the child validators they always apply, with the type each validates.</summary>
    private readonly Lazy<List<(Type Type, IValidator Validator)>> _validators = new(() => Discover(services));

    private static List<(Type Type, IValidator Validator)> Discover(IServiceProvider services)
    {
        var found = new List<(Type, IValidator)>();
        var pending = new Stack<IValidator>(typeof(Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .Distinct()
            .Select(services.GetService).OfType<IValidator>());
        var seen = new HashSet<IValidator>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var validator))
        {
            if (!seen.Add(validator)) continue;
            var validatedType = validator.GetType().GetInterfaces()
                .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
            found.Add((validatedType, validator));
            foreach (var component in validator.CreateDescriptor().Rules.SelectMany(r => r.Components).Where(Unconditional))
                if (component.Validator is IChildValidatorAdaptor && ChildOf(component.Validator) is { } child) pending.Push(child);
        }
        return found;
    }

    /// <summary>The fixed validator a <c>ChildValidatorAdaptor</c> applies (<c>ChildRules</c>, <c>SetValidator(new X())</c>);
    /// null when it is chosen per value. FluentValidation keeps it in a private field.</summary>
    private static IValidator? ChildOf(IPropertyValidator adaptor) =>
        adaptor.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => typeof(IValidator).IsAssignableFrom(f.FieldType))
            .Select(f => f.GetValue(adaptor)).OfType<IValidator>().FirstOrDefault();

    private static bool Unconditional(IRuleComponent component) => !component.HasCondition && !component.HasAsyncCondition;

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary><c>UseAllOfToExtendReferenceSchemas</c> wraps every reference in <c>allOf</c> so that a nullable one can say
    /// so; where nothing is added beside the reference (not nullable, no description), the plain <c>$ref</c> is kept.</summary>
    private static void UnwrapPlainReferences(OpenApiDocument document)
    {
        static IOpenApiSchema Plain(IOpenApiSchema schema) =>
            schema is OpenApiSchema { AllOf: [OpenApiSchemaReference only] } wrapper && wrapper.Type is null
            && wrapper.Description is null && wrapper.Properties is not { Count: > 0 } && wrapper.Default is null
                ? only
                : schema;

        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            if (schema.Properties is { } properties)
                foreach (var name in properties.Keys.ToList())
                {
                    properties[name] = Plain(properties[name]);
                    if (properties[name] is OpenApiSchema { Items: { } items } array) array.Items = Plain(items);
                }
        }
        foreach (var media in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                     .SelectMany(o => o.RequestBody?.Content?.Values.AsEnumerable() ?? []))
            if (media.Schema is { } body) media.Schema = Plain(body);
    }

    /// <summary>False for a member System.Text.Json leaves out when null or default.</summary>
    private static bool AlwaysWritten(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name) == jsonName)
            ?.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not { Condition: not System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    /// <summary>Component ids reachable from <paramref name="roots"/> through <c>$ref</c>s.</summary>
    private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                continue;
            }
            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
                pending.Push(child);
            if (schema.Items is { } items) pending.Push(items);
            if (schema.AdditionalProperties is { } extra) pending.Push(extra);
        }
        return seen;
    }
}

/// <summary>On a request body type the endpoint copies into a command: the command whose validator decides what is required.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ValidatedAsAttribute(Type command) : Attribute
{
    public Type Command { get; } = command;
}
