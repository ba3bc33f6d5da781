using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhonePlatform.Core.Audit;

/// <summary>
/// The hash chain: <c>hash = SHA-256(canonical(entry) ‖ previous hash)</c>. Fields are length-prefixed so
/// no two different entries share a canonical form.
/// </summary>
public static class AuditChain
{
    /// <summary>PostgreSQL keeps timestamps to the microsecond; hash what will be read back.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = new StringBuilder(256);
        Field(canonical, "v1");
        Field(canonical, entry.WorkspaceId.ToString("D"));
        Field(canonical, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(canonical, Normalize(entry.OccurredAt).UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(canonical, entry.Action);
        Field(canonical, entry.ActorUserId?.ToString("D"));
        Field(canonical, entry.ActorApiKeyId?.ToString("D"));
        Field(canonical, entry.ActorIp);
        Field(canonical, entry.TargetType);
        Field(canonical, entry.TargetId);
        Field(canonical, entry.Details);
        Field(canonical, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// Checks one entry against its predecessor; returns null when the link holds, otherwise why it is broken.
    /// </summary>
    public static string? CheckLink(AuditEntry entry, long expectedSequence, string expectedPreviousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Sequence != expectedSequence)
        {
            return $"expected sequence {expectedSequence}, found {entry.Sequence} (an entry is missing)";
        }

        if (!string.Equals(entry.PreviousHash, expectedPreviousHash, StringComparison.Ordinal))
        {
            return "previous hash does not match the preceding entry";
        }

        return string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal)
            ? null
            : "entry content does not match its hash";
    }

    private static void Field(StringBuilder canonical, string? value)
    {
        // null and "" differ: null is "-1:".
        canonical.Append(value is null ? -1 : value.Length).Append(':').Append(value).Append('\n');
    }
}
