using PhonePlatform.Core.Internal;

namespace PhonePlatform.Core.ApiKeys;

/// <summary>
/// API key tokens: <c>pp_live_{prefix}_{secret}</c>. The prefix finds the row, the hash of the whole
/// token proves possession. 256 bits of secret make a fast hash sufficient (no KDF needed).
/// </summary>
public static class ApiKeyToken
{
    public const string Scheme = "pp_live_";
    private const int PrefixBytes = 9;
    private const int SecretBytes = 32;
    private const int PrefixLength = 12;

    public static (string Token, string Prefix, string SecretHash) Create()
    {
        var prefix = Base64Url.Random(PrefixBytes);
        var token = Scheme + prefix + "_" + Base64Url.Random(SecretBytes);
        return (token, prefix, Sha256Hex.Of(token));
    }

    /// <summary>Extracts the lookup prefix; false for anything that is not shaped like one of our tokens.</summary>
    public static bool TryReadPrefix(string? token, out string prefix)
    {
        prefix = "";
        if (token is null || !token.StartsWith(Scheme, StringComparison.Ordinal) || token.Length > 128)
        {
            return false;
        }

        // Base64url of 9 bytes is exactly 12 characters (which may include '_'), then the '_' separator.
        var rest = token.AsSpan(Scheme.Length);
        if (rest.Length <= PrefixLength + 1 || rest[PrefixLength] != '_')
        {
            return false;
        }

        prefix = rest[..PrefixLength].ToString();
        return true;
    }

    public static bool Matches(string token, string storedHash) => Sha256Hex.FixedTimeEquals(Sha256Hex.Of(token), storedHash);
}
