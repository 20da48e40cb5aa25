using System.Text.Json;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace HybridOrders.Api.Problems;

/// <summary>Turns what a client caused into an RFC 9457 problem with a stable <c>code</c>. Anything else is not
/// mapped (the caller lets it become a 500, which is a bug of ours).</summary>
public static class ProblemMapper
{
    public static ProblemDetails? TryMap(Exception exception) => exception switch
    {
        ValidationException v => Validation(v.Errors.GroupBy(e => FieldPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        BadHttpRequestException bad => BadRequest(bad),
        NotFoundException nf => Problem(StatusCodes.Status404NotFound, "not_found", $"{nf.Resource} not found", nf.Message),
        ForbiddenAccessException f => Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", f.Message),
        TryAgainException t => Problem(StatusCodes.Status503ServiceUnavailable, "try_again", "Try again", t.Message),
        DomainException d => WithExtensions(
            Problem(d.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
                d.Code, Title(d.Code), d.Message), d.Extensions),
        _ => null,
    };

    public static ProblemDetails Problem(int status, string code, string title, string? detail) => new()
    {
        Type = $"urn:hybridorders:problem:{code}",
        Title = title,
        Status = status,
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Type = "urn:hybridorders:problem:validation_failed",
        Title = "The request is not valid",
        Status = StatusCodes.Status400BadRequest,
        Detail = "See 'errors' for what to correct.",
        Extensions = { ["code"] = "validation_failed" },
    };

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problem(bad.StatusCode, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
        if (bad.InnerException is JsonException json)
        {
            var path = FieldPath(json.Path is null or "$" ? "$" : json.Path.TrimStart('$').TrimStart('.'));
            var message = json.Path is null || json.Path == "$"
                ? "The body is not valid JSON."
                : "The value is missing, malformed or of the wrong type (e.g. a string where a number belongs, a number out of range, or an unknown enum value).";
            return Validation(new Dictionary<string, string[]> { [path] = [message] });
        }
        if (bad.Message.Contains("body was provided", StringComparison.Ordinal)
            || (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) && bad.Message.Contains("from body", StringComparison.Ordinal)))
            return Validation(new Dictionary<string, string[]> { ["$"] = ["A JSON request body is required."] });
        return bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal)
               || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal)
               || bad.Message.Contains("body was provided", StringComparison.Ordinal)
            ? Validation(new Dictionary<string, string[]> { [ParameterName(bad.Message)] = [bad.Message] })
            : Problem(bad.StatusCode, "bad_request", "Bad request", bad.Message);
    }

    /// <summary>"Lines[0].Quantity" → "lines[0].quantity": the JSON path a client sent.</summary>
    public static string FieldPath(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName) || propertyName == "$") return "$";
        // Only C# member names are camel-cased; anything else (a header name such as Idempotency-Key) is kept as sent.
        if (propertyName.Contains('-')) return propertyName;
        return string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
    }

    private static string ParameterName(string message)
    {
        // Messages name the parameter as: parameter "int? limit" ...
        var start = message.IndexOf('"');
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        if (start < 0 || end < 0) return "$";
        var declared = message[(start + 1)..end];
        var name = declared.Split(' ').Last();
        return FieldPath(name);
    }

    private static string Title(string code) =>
        char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }
}

/// <summary>Writes problem responses outside endpoints (authentication, status codes).</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        var problem = ProblemMapper.Problem(status, code, title, detail);
        problem.Instance = context.Request.Path;
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
