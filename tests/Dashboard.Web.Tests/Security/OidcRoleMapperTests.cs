using System.Security.Claims;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Security;

public class OidcRoleMapperTests
{
    private static readonly Dictionary<string, string[]> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Admin"] = ["dashboard-admins"],
        ["analyst"] = ["security-analysts", "soc"],
        ["Operator"] = ["cloud-ops", "dashboard-admins"],
        ["Viewer"] = ["engineering"],
    };

    private static OidcRoleMapper Mapper(string claimType = "groups") => new(claimType, Mappings);

    private static Claim[] Groups(params string[] values) => [.. values.Select(v => new Claim("groups", v))];

    [Fact]
    public void GroupMatch_IsCaseInsensitive()
    {
        Assert.Equal(new[] { Roles.Viewer }, Mapper().Map(Groups("ENGINEERING")));
        Assert.Equal(new[] { Roles.Analyst }, Mapper().Map(Groups("Security-Analysts")));
    }

    [Fact]
    public void RoleNamesInTheMapping_AreCaseInsensitive()
    {
        Assert.Equal(new[] { Roles.Analyst }, Mapper().Map(Groups("soc")));
    }

    [Fact]
    public void MultipleGroups_GiveMultipleRoles_InRoleOrder()
    {
        Assert.Equal(new[] { Roles.Viewer, Roles.Analyst, Roles.Operator }, Mapper().Map(Groups("cloud-ops", "soc", "engineering")));
    }

    [Fact]
    public void OneGroup_CanGrantSeveralRoles()
    {
        Assert.Equal(new[] { Roles.Operator, Roles.Admin }, Mapper().Map(Groups("dashboard-admins")));
    }

    [Fact]
    public void UnknownGroups_AreIgnored()
    {
        Assert.Empty(Mapper().Map(Groups("marketing", "everyone", "")));
        Assert.Equal(new[] { Roles.Viewer }, Mapper().Map(Groups("marketing", "engineering")));
    }

    [Fact]
    public void ArrayInOneClaim_AndOneClaimPerValue_AreTheSame()
    {
        var asArray = new[] { new Claim("groups", "[\"soc\",\"cloud-ops\"]", "JSON_ARRAY") };
        var asClaims = Groups("soc", "cloud-ops");
        var single = new[] { new Claim("groups", "soc") };

        Assert.Equal(new[] { Roles.Analyst, Roles.Operator }, Mapper().Map(asArray));
        Assert.Equal(Mapper().Map(asClaims), Mapper().Map(asArray));
        Assert.Equal(new[] { Roles.Analyst }, Mapper().Map(single));
    }

    [Fact]
    public void OnlyTheConfiguredClaimType_Counts()
    {
        var claims = new[] { new Claim("roles", "dashboard-admins"), new Claim("groups", "engineering") };

        Assert.Equal(new[] { Roles.Viewer }, Mapper("groups").Map(claims));
        Assert.Equal(new[] { Roles.Operator, Roles.Admin }, Mapper("roles").Map(claims));
    }

    [Fact]
    public void UnknownRoleNamesInTheMapping_GrantNothing()
    {
        var mapper = new OidcRoleMapper("groups", new Dictionary<string, string[]> { ["Superuser"] = ["root"] });

        Assert.Empty(mapper.Map(Groups("root")));
        Assert.False(mapper.HasMappings);
    }

    [Fact]
    public void ClaimValues_ExpandArraysAndDropDuplicates()
    {
        var claims = new[] { new Claim("groups", "[\"a\", \"b\"]"), new Claim("groups", "A"), new Claim("groups", "[not json") };

        Assert.Equal(new[] { "a", "b", "[not json" }, OidcRoleMapper.ClaimValues(claims, "groups"));
    }
}
