using Microsoft.AspNetCore.Diagnostics;

namespace HybridOrders.Api.Problems;

/// <summary>The one place exceptions become responses. No endpoint catches exceptions itself.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Application.Common.TryAgainException && Infrastructure.Persistence.TransientDatabaseFailure.Describe(exception) is { } failure)
        {
            logger.LogWarning(exception, "Refused {Method} {Path} with 503 after {Failure}", httpContext.Request.Method, httpContext.Request.Path, failure);
            exception = new Application.Common.TryAgainException(
                $"The database is overloaded or unreachable ({failure}); nothing was changed. Send the request again.", TimeSpan.FromSeconds(2), exception);
        }
        var problem = ProblemMapper.TryMap(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = ProblemMapper.Problem(StatusCodes.Status500InternalServerError, "internal_error", "Internal server error",
                "Something went wrong on our side; nothing was changed. The request can be retried.");
        }
        problem.Instance = httpContext.Request.Path;
        // The W3C trace id, as in the request's log lines and traces, so that a reported problem can be found in both.
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (exception is Application.Common.TryAgainException tryAgain)
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tryAgain.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }
}
