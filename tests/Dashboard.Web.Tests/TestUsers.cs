using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>Signs in through the real sign-in form, so tests exercise the same cookies, antiforgery and policies as a browser.</summary>
public static partial class TestUsers
{
    public const string Password = "correct horse battery staple";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@test.local";

    /// <summary>Creates the user (once per app) with the given roles.</summary>
    public static async Task EnsureUserAsync(this DashboardAppFactory factory, string email, params string[] roles)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.AppUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, Password, roles, actor: "test");
            Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>An HTTP client signed in as a user holding exactly <paramref name="role"/>. Redirects are not followed.</summary>
    public static Task<HttpClient> CreateClientForRoleAsync(this DashboardAppFactory factory, string role) =>
        factory.CreateClientForRoleAsync(role, new CookieJar());

    /// <summary>As above, keeping cookies in <paramref name="jar"/> so a test can read the session cookie.</summary>
    public static async Task<HttpClient> CreateClientForRoleAsync(this DashboardAppFactory factory, string role, CookieJar jar)
    {
        var email = EmailFor(role);
        await factory.EnsureUserAsync(email, role);
        var client = factory.CreateDefaultClient(jar);
        var response = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/" && response.Headers.Contains("Set-Cookie"),
            $"sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location} {string.Join(" | ", response.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value)))} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>A client that keeps cookies (like a browser) and does not follow redirects.</summary>
    public static HttpClient CreateCookieClient(this DashboardAppFactory factory) => factory.CreateDefaultClient(new CookieJar());

    /// <summary>
    /// GETs <paramref name="page"/>, takes the hidden fields (antiforgery token, form handler) of the form named
    /// <paramref name="formName"/> (or the first form posting to <paramref name="page"/>), and posts them with <paramref name="fields"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, string? formName, IDictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var form = FindForm(html, formName, action) ?? throw new InvalidOperationException($"no form {formName ?? action} on {page}");
        var values = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token rendered on <paramref name="page"/> (every form on a page shares one).</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return WebUtility.HtmlDecode(HiddenInput().Matches(html).First(m => m.Groups["name"].Value == "__RequestVerificationToken").Groups["value"].Value);
    }

    private static string? FindForm(string html, string? formName, string? action)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            var body = form.Value;
            if ((formName is not null && body.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal))
                || (action is not null && body.Contains($"action=\"{action}\"", StringComparison.Ordinal)))
            {
                return body;
            }
        }

        return null;
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"[^>]*?>")]
    private static partial Regex HiddenInput();

    /// <summary>
    /// A minimal cookie store. The framework's CookieContainer did not send the session cookie back to the test
    /// server, so cookies are kept by name here: enough for one host and path.
    /// </summary>
    public sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        /// <summary>The cookies held now, name to value.</summary>
        public IReadOnlyDictionary<string, string> Cookies => _cookies;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';')[0].Split('=', 2);
                    if (pair[1].Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(pair[0]);
                    }
                    else
                    {
                        _cookies[pair[0]] = pair[1];
                    }
                }
            }

            return response;
        }
    }
}
