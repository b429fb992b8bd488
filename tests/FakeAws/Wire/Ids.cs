using System.Security.Cryptography;
using System.Text;

namespace FakeAws.Wire;

/// <summary>Stable, deterministic identifiers derived from names (AWS ids look random; ours must repeat across runs).</summary>
public static class Ids
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>An IAM-style unique id: prefix (AIDA, AROA, ANPA, ...) plus 17 base32 characters.</summary>
    public static string Iam(string prefix, string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var sb = new StringBuilder(prefix);
        for (var i = 0; i < 17; i++)
        {
            sb.Append(Alphabet[hash[i] % 32]);
        }

        return sb.ToString();
    }

    /// <summary>Lower-case hex of the seed's hash, <paramref name="length"/> characters.</summary>
    public static string Hex(string seed, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..length];
}
