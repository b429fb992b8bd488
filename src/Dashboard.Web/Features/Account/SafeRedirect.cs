namespace Dashboard.Web.Features.Account;

/// <summary>Return URLs come from the query string: only local paths are followed, anything else goes home.</summary>
public static class SafeRedirect
{
    public static string Local(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
