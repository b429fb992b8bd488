namespace Dashboard.Web.Features.Account;

/// <summary>Starts single sign-on. A form post with an antiforgery token: a plain link could be used to start sign-ins.</summary>
public static class ExternalLoginEndpoints
{
    public const string ChallengePath = "/account/sso";

    public static IEndpointRouteBuilder MapExternalLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/account").RequireAntiforgery().MapPost("/sso", async (HttpContext context, ExternalLoginSignIn externalLogin) =>
        {
            if (!externalLogin.IsEnabled)
            {
                return Results.NotFound();
            }

            var returnUrl = (await context.Request.ReadFormAsync()).TryGetValue("returnUrl", out var value) ? value.ToString() : null;
            return Results.Challenge(externalLogin.ChallengeProperties(returnUrl), [Hosting.OidcOptions.Scheme]);
        }).AllowAnonymous();

        return endpoints;
    }
}
