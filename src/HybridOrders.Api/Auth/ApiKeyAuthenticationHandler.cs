using System.Security.Claims;
using System.Text.Encodings.Web;
using HybridOrders.Api.Problems;
using HybridOrders.Application.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HybridOrders.Api.Auth;

public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string LocationClaim = "location";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var identity = registry.Find(values.ToString());
        if (identity is null) return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, identity.Name),
            new(ClaimTypes.Role, Roles.Name(identity.Role)),
        };
        if (identity.LocationCode is not null) claims.Add(new Claim(LocationClaim, identity.LocationCode));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized",
            Request.Headers.ContainsKey(HeaderName) ? "The X-Api-Key is not known." : "Send an API key in the X-Api-Key header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            "This API key's role may not use this route.");
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Storefront = "storefront";
    public const string Pos = "pos";
    public const string Logistics = "logistics";

    public static readonly string[] All = [Admin, Storefront, Pos, Logistics];

    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();
}

/// <summary>The caller as the use cases see it.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string? KeyId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    public ApiRole? Role => User?.FindFirstValue(ClaimTypes.Role) is { } r && Enum.TryParse<ApiRole>(r, true, out var role) ? role : null;

    public string? LocationCode => User?.FindFirstValue(ApiKeyAuthenticationHandler.LocationClaim);
}
