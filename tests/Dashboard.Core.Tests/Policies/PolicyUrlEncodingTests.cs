using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

public class PolicyUrlEncodingTests
{
    private const string Document = """{"Version":"2012-10-17","Statement":[{"Sid":"a+b c%","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/caf\u00e9 \u00ff"}]}""";

    [Fact]
    public void DecodeOnce_EncodedDocument_RoundTripsPlusPercentSpaceAndLatin1()
    {
        var encoded = Uri.EscapeDataString(Document);

        var decoded = PolicyUrlEncoding.DecodeOnce(encoded);

        Assert.Equal(Document, decoded);
        Assert.Equal("a+b c%", PolicyDocument.Parse(decoded).Document!.Statements[0].Sid);
    }

    [Fact]
    public void DecodeOnce_AlreadyDecodedJson_IsLeftAlone()
    {
        Assert.Same(Document, PolicyUrlEncoding.DecodeOnce(Document));
    }

    [Fact]
    public void Parse_DoubleEncodedDocumentDecodedOnce_FailsClearly()
    {
        var twice = Uri.EscapeDataString(Uri.EscapeDataString(Document));

        var result = PolicyDocument.Parse(PolicyUrlEncoding.DecodeOnce(twice));

        Assert.False(result.Succeeded);
        Assert.Contains("still URL-encoded", result.Error);
    }
}
