using System.Security.Cryptography;

namespace PhonePlatform.Media.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it (RFC 8122 §5): <c>sha-256 AB:CD:…</c>, uppercase hex pairs.
/// </summary>
public sealed record DtlsFingerprint(string HashFunction, byte[] Value)
{
    /// <summary>Parses an <c>a=fingerprint</c> value; only the SHA-2 family is accepted (RFC 8827 §6.5 wants SHA-256 at least).</summary>
    public static bool TryParse(string? text, out DtlsFingerprint fingerprint)
    {
        fingerprint = null!;
        if (text is null)
        {
            return false;
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        var hash = parts[0].ToLowerInvariant();
        var expectedLength = hash switch { "sha-256" => 32, "sha-384" => 48, "sha-512" => 64, _ => 0 };
        var pairs = parts[1].Split(':');
        if (expectedLength == 0 || pairs.Length != expectedLength)
        {
            return false;
        }

        var value = new byte[expectedLength];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Length != 2 || !byte.TryParse(pairs[i], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value[i]))
            {
                return false;
            }
        }

        fingerprint = new DtlsFingerprint(hash, value);
        return true;
    }

    /// <summary>The SHA-256 fingerprint of a DER certificate.</summary>
    public static DtlsFingerprint Sha256Of(ReadOnlySpan<byte> certificateDer) => new("sha-256", SHA256.HashData(certificateDer));

    /// <summary>True when this fingerprint is that of <paramref name="certificateDer"/> under its own hash function.</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        var actual = HashFunction switch
        {
            "sha-256" => SHA256.HashData(certificateDer),
            "sha-384" => SHA384.HashData(certificateDer),
            _ => SHA512.HashData(certificateDer),
        };
        return CryptographicOperations.FixedTimeEquals(actual, Value);
    }

    /// <inheritdoc />
    public override string ToString() => HashFunction + " " + Convert.ToHexString(Value).Chunk(2).Aggregate(
        new System.Text.StringBuilder(Value.Length * 3), (s, pair) => (s.Length > 0 ? s.Append(':') : s).Append(pair)).ToString();
}
