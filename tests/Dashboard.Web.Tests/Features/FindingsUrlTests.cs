using Dashboard.Core.Checks;
using Dashboard.Web.Features.Findings;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Tests.Features;

public class FindingsUrlTests
{
    private static FindingsPageRequest ParseUrl(string url) =>
        FindingsUrl.Parse(QueryHelpers.ParseQuery(new Uri("http://x" + url).Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString()));

    [Fact]
    public void Parse_NoQuery_DefaultsToFailedFindingsBySeverity()
    {
        var request = ParseUrl("/findings");
        Assert.Equal([ResultStatus.Fail], request.Filter.Statuses);
        Assert.Equal(FindingsSort.Severity, request.SortBy);
        Assert.True(request.Descending);
        Assert.Equal(0, request.Page);
        Assert.Equal("/findings", FindingsUrl.ToUrl(request));
    }

    [Fact]
    public void RoundTrip_EveryFilter_IsPreserved()
    {
        var request = new FindingsPageRequest(
            new FindingsFilter
            {
                Text = "prod & co",
                Severities = [Severity.High, Severity.Critical],
                Statuses = [ResultStatus.Error, ResultStatus.Fail],
                CheckId = "s3_bucket_default_encryption",
                AccountId = 7,
                Region = "eu-west-1",
            },
            FindingsSort.Resource, Descending: false, Page: 2, PageSize: 50);

        var parsed = ParseUrl(FindingsUrl.ToUrl(request));

        Assert.Equal(request.Filter.Text, parsed.Filter.Text);
        Assert.Equal(request.Filter.Severities.Order(), parsed.Filter.Severities.Order());
        Assert.Equal(request.Filter.Statuses.Order(), parsed.Filter.Statuses.Order());
        Assert.Equal(request.Filter.CheckId, parsed.Filter.CheckId);
        Assert.Equal(request.Filter.AccountId, parsed.Filter.AccountId);
        Assert.Equal(request.Filter.Region, parsed.Filter.Region);
        Assert.Equal((request.SortBy, request.Descending, request.Page, request.PageSize), (parsed.SortBy, parsed.Descending, parsed.Page, parsed.PageSize));
    }

    [Fact]
    public void Parse_StatusAny_MeansNoStatusFilter()
    {
        Assert.Empty(ParseUrl("/findings?status=any").Filter.Statuses);
        Assert.Equal("/findings?status=any", FindingsUrl.ToUrl(new FindingsPageRequest(new FindingsFilter())));
    }

    [Theory]
    [InlineData("/findings?severity=bogus,High&page=-3&size=99999&account=abc&sort=nope")]
    [InlineData("/findings?status=,,,&page=1e9&size=0")]
    public void Parse_GarbageValues_AreIgnoredNotThrown(string url)
    {
        var request = ParseUrl(url);
        Assert.Equal(0, request.Page);
        Assert.Equal(25, request.PageSize);
        Assert.Null(request.Filter.AccountId);
        Assert.Equal(FindingsSort.Severity, request.SortBy);
        Assert.All(request.Filter.Severities, s => Assert.True(Enum.IsDefined(s)));
    }
}
