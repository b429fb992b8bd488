using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Features.Account;

/// <summary>Form-post endpoints of the sign-in flow. Antiforgery is validated on every one of them.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account").RequireAntiforgery();

        // Sign-out ends the session on the server too: a new security stamp invalidates every cookie issued before.
        group.MapPost("/logout", async (HttpContext context, SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit) =>
        {
            var user = await users.GetUserAsync(context.User);
            await signIn.SignOutAsync();
            if (user is not null)
            {
                await users.UpdateSecurityStampAsync(user);
                await audit.WriteAsync("auth.sign-out", user.Email ?? user.Id, user.Id, target: $"user:{user.Email}");
            }

            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();

        group.MapPost("/demo-sign-in", async (HttpContext context, DemoSignIn demo) =>
        {
            var returnUrl = (await context.Request.ReadFormAsync()).TryGetValue("returnUrl", out var value) ? value.ToString() : null;
            return await demo.SignInAsync(context) ? Results.LocalRedirect(SafeRedirect.Local(returnUrl)) : Results.NotFound();
        }).AllowAnonymous();

        endpoints.MapExternalLoginEndpoints();
        return endpoints;
    }
}

/// <summary>Makes an endpoint group validate the antiforgery token and answer 400 when it is missing or wrong.</summary>
public static class AntiforgeryEndpointExtensions
{
    public static RouteGroupBuilder RequireAntiforgery(this RouteGroupBuilder group)
    {
        group.WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                ? Results.Problem("The form's antiforgery token is missing or invalid. Reload the page and try again.", statusCode: StatusCodes.Status400BadRequest)
                : await next(context));
        return group;
    }
}
