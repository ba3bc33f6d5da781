using System.Security.Cryptography;

namespace PhonePlatform.Sip;

/// <summary>Random identifiers: tags (RFC 3261 §19.3: at least 32 bits of randomness) and Call-IDs (§8.1.1.4).</summary>
public static class SipTags
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string NewCallId(string host) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "@" + host;
}
