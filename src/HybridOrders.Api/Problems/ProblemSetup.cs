namespace HybridOrders.Api.Problems;

/// <summary>Problem details for everything: exceptions through <see cref="ProblemExceptionHandler"/>, and the framework's
/// own status responses (unknown route, wrong method, wrong media type) with the same <c>code</c>, <c>instance</c> and
/// <c>detail</c> the contract promises.</summary>
public static class ProblemSetup
{
    public static IServiceCollection AddHybridOrdersProblems(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // binding failures reach the problem mapper
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    /// <summary>Defaults for problems the framework writes itself (status code pages): a code, an instance and a detail.</summary>
    private static void Customize(ProblemDetailsContext ctx)
    {
        var request = ctx.HttpContext.Request;
        ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
        {
            404 => "not_found",
            405 => "method_not_allowed",
            415 => "unsupported_media_type",
            _ => "http_" + ctx.ProblemDetails.Status,
        });
        ctx.ProblemDetails.Instance ??= request.Path;
        ctx.ProblemDetails.Detail ??= ctx.ProblemDetails.Status switch
        {
            404 => $"There is no resource at {request.Method} {request.Path}.",
            405 => $"{request.Method} is not allowed on {request.Path}.",
            415 => "Send the body as application/json.",
            _ => ctx.ProblemDetails.Title,
        };
    }
}
