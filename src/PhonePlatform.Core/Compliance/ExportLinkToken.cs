using PhonePlatform.Core.Internal;

namespace PhonePlatform.Core.Compliance;

/// <summary>Single-use export download tokens: <c>pp_exp_</c> + 256 random bits. Stored as SHA-256 hex only.</summary>
public static class ExportLinkToken
{
    public const string Scheme = "pp_exp_";

    public static (string Token, string Hash) Create()
    {
        var token = Scheme + Base64Url.Random(32);
        return (token, Hash(token));
    }

    public static string Hash(string token) => Sha256Hex.Of(token);

    public static bool LooksLikeOne(string? token) =>
        token is not null && token.StartsWith(Scheme, StringComparison.Ordinal) && token.Length < 128;
}
