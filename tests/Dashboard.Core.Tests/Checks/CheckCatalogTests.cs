using System.Text.RegularExpressions;
using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks;

/// <summary>Rules every check must follow, enforced for the whole catalog so a new check cannot skip them.</summary>
public partial class CheckCatalogTests
{
    private static readonly string[] ReadOnlyVerbs = ["Get", "List", "Describe", "Generate"];

    public static TheoryData<string> CheckIds => [.. CheckCatalog.Default.All.Select(c => c.Id)];

    private static Check Find(string id) => CheckCatalog.Default.Find(id) ?? throw new InvalidOperationException($"no check {id}");

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$")]
    private static partial Regex IamActionPattern();

    [GeneratedRegex("^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$")]
    private static partial Regex ResourceTypePattern();

    [Fact]
    public void Catalog_Ids_AreUnique()
    {
        var duplicates = CheckCatalog.Default.All.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Catalog_FindsEveryConcreteCheckClass()
    {
        var classes = typeof(Check).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Check)));

        Assert.Equal(classes.Select(t => t.Name).Order(StringComparer.Ordinal),
            CheckCatalog.Default.All.Select(c => c.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_Id_IsSnakeCaseAndStartsWithService(string id)
    {
        var metadata = Find(id).Metadata;

        Assert.Matches(IdPattern(), id);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Service));
        Assert.StartsWith(metadata.Service + "_", id, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_Metadata_HasTextRemediationAndReferences(string id)
    {
        var metadata = Find(id).Metadata;

        Assert.False(string.IsNullOrWhiteSpace(metadata.Title));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Rationale));
        Assert.Matches(ResourceTypePattern(), metadata.ResourceType);
        Assert.True(Enum.IsDefined(metadata.Severity));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Remediation.Steps));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Remediation.Cli));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Remediation.Terraform));
        Assert.NotEmpty(metadata.References);
        Assert.All(metadata.References, reference =>
            Assert.True(Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, $"not an https URL: {reference}"));
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_DataSources_DeclareReadOnlyIamActions(string id)
    {
        var sources = Find(id).Metadata.DataSources;

        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            Assert.False(string.IsNullOrWhiteSpace(source.Service));
            Assert.False(string.IsNullOrWhiteSpace(source.Operation));
            Assert.Matches(IamActionPattern(), source.IamAction);
            var action = source.IamAction[(source.IamAction.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Assert.True(ReadOnlyVerbs.Any(verb => action.StartsWith(verb, StringComparison.Ordinal)), $"{source.IamAction} is not a read-only action");
        });
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_Class_IsSealedAndHasATestClass(string id)
    {
        var type = Find(id).GetType();
        var testClass = typeof(CheckCatalogTests).Assembly.GetTypes().SingleOrDefault(t => t.Name == type.Name + "Tests");

        Assert.True(type.IsSealed, $"{type.Name} should be sealed");
        Assert.True(testClass is not null, $"{type.Name} has no test class named {type.Name}Tests");
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_EachDataSourceDenied_NeverReturnsPass(string id)
    {
        var check = Find(id);
        foreach (var source in check.Metadata.DataSources)
        {
            var results = check.Run(Denied(source));

            Assert.DoesNotContain(results, r => r.Status == ResultStatus.Pass);
        }
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Check_EveryDataSourceDenied_ReturnsAnError(string id)
    {
        var check = Find(id);

        var results = check.Run(Denied([.. check.Metadata.DataSources]));

        Assert.Contains(results, r => r.Status == ResultStatus.Error);
        Assert.All(results, r => Assert.Equal(id, r.CheckId));
    }

    /// <summary>An empty inventory where each source's call failed with AccessDenied globally and in every Region.</summary>
    private static AccountInventory Denied(params DataSource[] sources)
    {
        var inventory = TestInventory.Empty();
        var regions = inventory.Regions.Append(Regions.Global);
        return inventory with
        {
            Errors = [.. sources.SelectMany(s => regions.Select(r => TestInventory.AccessDenied(s.Service, s.Operation, r)))],
        };
    }
}
