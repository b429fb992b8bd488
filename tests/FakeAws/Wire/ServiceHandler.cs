namespace FakeAws.Wire;

/// <summary>
/// One service's operations. Query, EC2 and JSON services are looked up by operation name; REST services
/// also declare routes (method + URI template, as in the botocore model's <c>http.requestUri</c>).
/// </summary>
public abstract class ServiceHandler
{
    private readonly Dictionary<string, Func<Call, object>> _operations = new(StringComparer.Ordinal);
    private readonly List<(string Method, string[] Template, string? QueryKey, string Operation)> _routes = [];

    public abstract ServiceInfo Info { get; }

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    /// <summary>The resource an operation is about, for resource-scoped AccessDenied rules; null for list calls.</summary>
    public virtual string? Resource(Call call) => null;

    protected void On(string operation, Func<Call, object> handler) => _operations[operation] = handler;

    protected void On(string method, string uriTemplate, string operation, Func<Call, object> handler)
    {
        _operations[operation] = handler;
        var q = uriTemplate.IndexOf('?');
        var path = q < 0 ? uriTemplate : uriTemplate[..q];
        var queryKey = q < 0 ? null : uriTemplate[(q + 1)..].Split('&')[0].Split('=')[0];
        _routes.Add((method, path.Trim('/').Split('/'), queryKey, operation));
    }

    public Func<Call, object>? Find(string operation) => _operations.GetValueOrDefault(operation);

    /// <summary>
    /// Matches a REST request; <paramref name="segments"/> are the decoded path segments. A route whose template has a
    /// query key (S3 sub-resources such as <c>?policy</c>) needs that key; routes are tried in declaration order.
    /// </summary>
    public (string Operation, Dictionary<string, string> Labels)? Match(string method, IReadOnlyList<string> segments, IReadOnlyDictionary<string, string> query)
    {
        foreach (var (m, template, queryKey, operation) in _routes)
        {
            if (m != method || template.Length != segments.Count || (queryKey is not null && !query.ContainsKey(queryKey)))
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < template.Length && ok; i++)
            {
                if (template[i].StartsWith('{'))
                {
                    labels[template[i].Trim('{', '}', '+')] = segments[i];
                }
                else
                {
                    ok = template[i] == segments[i];
                }
            }

            if (ok)
            {
                return (operation, labels);
            }
        }

        return null;
    }
}
