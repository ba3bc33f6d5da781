using PhonePlatform.Core.Internal;

namespace PhonePlatform.Core.Identity;

/// <summary>
/// Opaque bearer tokens: a scheme prefix that says what the token is for, then 256 random bits. The server stores
/// only their SHA-256 hex, so a database read gives nobody a usable token.
/// </summary>
public sealed class OpaqueToken
{
    /// <summary>Session tokens of signed-in users: <c>pp_sess_</c>.</summary>
    public static readonly OpaqueToken Session = new("pp_sess_");

    /// <summary>Single-use data-export download links: <c>pp_exp_</c>.</summary>
    public static readonly OpaqueToken ExportLink = new("pp_exp_");

    private OpaqueToken(string scheme) => Scheme = scheme;

    public string Scheme { get; }

    public (string Token, string Hash) Create()
    {
        var token = Scheme + Base64Url.Random(32);
        return (token, Hash(token));
    }

    public static string Hash(string token) => Sha256Hex.Of(token);

    public bool LooksLikeOne(string? token) =>
        token is not null && token.StartsWith(Scheme, StringComparison.Ordinal) && token.Length < 128;
}
