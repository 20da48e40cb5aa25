using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using HybridOrders.Api.Problems;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HybridOrders.Api.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> support for a POST whose body is <typeparamref name="TBody"/>: the first request runs and its
/// response (success or refusal) is stored in the same transaction as its effects; a retry with the same key and the same
/// body gets that response again (with <c>Idempotent-Replayed: true</c>); the same key with another body is 422
/// <c>idempotency_key_reused</c>. Keys are scoped to the calling API key and the route.
/// </summary>
public sealed class IdempotencyFilter<TBody>(IIdempotencyStore store, ICurrentUser user, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values)) return await next(context);
        var key = values.ToString();
        if (values.Count != 1 || key.Length is < 1 or > 128)
            throw new ValidationException([new ValidationFailure(HeaderName, "The Idempotency-Key header must be one value of 1–128 characters.")]);

        var body = context.Arguments.OfType<TBody>().FirstOrDefault();
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions)));
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value;
        var scope = $"{user.KeyId}|{http.Request.Method} {route}";

        var outcome = await store.ExecuteAsync(scope, key, hash, _ => CaptureAsync(context, next), http.RequestAborted);
        return outcome switch
        {
            IdempotencyOutcome.Executed e => new CapturedResult(e.Response, replayed: false),
            IdempotencyOutcome.Replayed r => new CapturedResult(r.Response, replayed: true),
            _ => throw new DomainException("idempotency_key_reused",
                $"The Idempotency-Key '{key}' was already used with a different request body.", RefusalKind.Unprocessable),
        };
    }

    /// <summary>Runs the endpoint and renders its result (or its refusal) into memory, so it can be stored.</summary>
    private static async Task<CapturedResponse> CaptureAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        IResult result;
        try
        {
            result = await next(context) as IResult ?? throw new InvalidOperationException("Idempotent endpoints must return an IResult.");
        }
        catch (Exception ex) when (ProblemMapper.TryMap(ex) is { } problem)
        {
            problem.Instance = http.Request.Path;
            result = TypedResults.Problem(problem);
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var location = http.Response.Headers.Location.ToString();
        return new CapturedResponse(http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(buffer.ToArray()),
            string.IsNullOrEmpty(location) ? null : location);
    }

    private sealed class CapturedResult(CapturedResponse response, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = response.StatusCode;
            if (response.ContentType is not null) http.Response.ContentType = response.ContentType;
            if (response.Location is not null) http.Response.Headers.Location = response.Location;
            if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
            await http.Response.WriteAsync(response.Body, Encoding.UTF8);
        }
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Makes a POST idempotent under the <c>Idempotency-Key</c> header and documents the header.</summary>
    public static RouteHandlerBuilder WithIdempotency<TBody>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter<TBody>>()
            .WithMetadata(new IdempotentEndpointMetadata())
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>Marks routes that accept an Idempotency-Key (the OpenAPI filter documents the header on them).</summary>
public sealed class IdempotentEndpointMetadata;
