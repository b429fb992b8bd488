using Dashboard.Aws.Access;
using Dashboard.Aws.Clients;
using Dashboard.Aws.Collectors;

namespace Dashboard.Aws.Tests.Access;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/path/scanner", "aws", "iam", "", "111122223333", "role/path/scanner")]
    [InlineData("arn:aws-cn:s3:::bucket", "aws-cn", "s3", "", "", "bucket")]
    [InlineData("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*", "aws-us-gov", "logs", "us-gov-west-1", "111122223333", "log-group:trail:*")]
    public void Arn_ParsesEveryPartition(string text, string partition, string service, string region, string account, string resource)
    {
        Assert.True(Arn.TryParse(text, out var arn));
        Assert.Equal(new Arn(partition, service, region, account, resource), arn);
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:iam")]
    [InlineData("arn::iam::1:role/x")]
    public void Arn_RejectsMalformed(string text) => Assert.False(Arn.TryParse(text, out _));

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("eu-west-1", "aws")]
    public void PartitionOfRegion(string region, string partition) => Assert.Equal(partition, Arn.PartitionOfRegion(region));

    [Fact]
    public void PolicyDocument_IsDecodedExactlyOnce()
    {
        // "%2520" is an encoded "%20": one decode must leave "%20", and "+" stays "+" (RFC 3986).
        Assert.Equal("""{"a":"x y","b":"%20","c":"1+1","d":"é"}""", PolicyText.UrlDecode("%7B%22a%22%3A%22x%20y%22%2C%22b%22%3A%22%2520%22%2C%22c%22%3A%221+1%22%2C%22d%22%3A%22%C3%A9%22%7D"));
        Assert.Null(PolicyText.UrlDecode(null));
    }

    [Fact]
    public void CredentialReport_ParsesRootAndUsers_AndTreatsNotApplicableAsNull()
    {
        var csv = """
            user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
            <root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2025-01-02T03:04:05+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            "a,b",arn:aws:iam::111122223333:user/a-b,2021-05-06T07:08:09+00:00,true,no_information,2021-05-06T07:08:09+00:00,N/A,false,true,2021-05-06T07:08:09+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            """;

        var rows = CredentialReport.Parse(csv);

        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].IsRoot);
        Assert.True(rows[0].MfaActive);
        Assert.False(rows[0].PasswordEnabled);
        Assert.Null(rows[0].PasswordLastChanged);
        Assert.Equal("a,b", rows[1].User);
        Assert.True(rows[1].AccessKey1Active);
        Assert.Null(rows[1].PasswordLastUsed);
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.Zero), rows[1].AccessKey1LastRotated);
    }

    [Fact]
    public void CredentialReport_WithoutHeader_IsRejected() =>
        Assert.Throws<FormatException>(() => CredentialReport.Parse("garbage,here\n1,2"));

    [Theory]
    [InlineData(null, "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("ap-south-2", "ap-south-2")]
    public void BucketLocation_IsNormalised(string? location, string region) => Assert.Equal(region, S3Collector.NormaliseLocation(location));

    [Fact]
    public void RoleArn_MustBeAnIamRole() =>
        Assert.Throws<AccountAccessException>(() => AccountAccess.ResolveCredentials(
            new AccountTarget { RoleArn = "arn:aws:s3:::bucket" }, new Amazon.Runtime.BasicAWSCredentials("a", "b")));
}
