using System.Globalization;

namespace PhonePlatform.Api.Sip;

/// <summary>
/// The SIP username (and so the address-of-record user part) of a workspace user: <c>w{workspace}.u{user}</c> in
/// compact hex, unique across tenants and parseable back without a database lookup.
/// </summary>
public static class SipUsernames
{
    public static string For(Guid workspaceId, Guid userId) =>
        string.Create(CultureInfo.InvariantCulture, $"w{workspaceId:N}.u{userId:N}");

    public static bool TryParse(string? username, out Guid workspaceId, out Guid userId)
    {
        workspaceId = userId = Guid.Empty;
        // "w" + 32 hex + ".u" + 32 hex
        return username is { Length: 67 } && username[0] == 'w' && username[33] == '.' && username[34] == 'u'
            && Guid.TryParseExact(username.AsSpan(1, 32), "N", out workspaceId)
            && Guid.TryParseExact(username.AsSpan(35, 32), "N", out userId);
    }
}
