using Dashboard.Web.Features.Findings;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Features.Api;

/// <summary>
/// Automation endpoints. Reads accept the session cookie or a personal API token; changes accept only a token
/// (no ambient cookie credentials, so no cross-site request forgery).
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/findings", async (HttpContext context, FindingsQuery query, CancellationToken cancellationToken) =>
        {
            var request = FindingsUrl.Parse(context.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));
            var result = await query.GetPageAsync(request, cancellationToken);
            // total stops at FindingsQuery.CountCap; totalCapped says more match.
            return Results.Ok(new { total = result.TotalCount, totalCapped = result.TotalCapped, page = request.Page + 1, pageSize = request.PageSize, items = result.Rows });
        }).RequireAuthorization(Policies.View);

        api.MapPost("/accounts/{accountId:int}/scans", async (int accountId, HttpContext context, ScanRequests scans, CancellationToken cancellationToken) =>
        {
            var runId = await scans.RequestAsync(accountId, context.User.Identity?.Name ?? "api", context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, cancellationToken);
            return runId is null ? Results.NotFound() : Results.Accepted(value: new { scanRunId = runId });
        }).RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Operate, AuthenticationSchemes = ApiTokenService.Scheme });

        return endpoints;
    }
}
