using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PhonePlatform.Sip.Auth;

/// <summary>
/// Issues self-validating nonces (timestamp, random, HMAC) with a lifetime, and tracks the nonce count of each nonce
/// so a replayed or reordered response is refused (RFC 7616 §3.3, §5.12).
/// </summary>
public sealed class NonceService(TimeProvider timeProvider, TimeSpan lifetime)
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (uint LastCount, long IssuedMs)> counts = new(StringComparer.Ordinal);

    public string Issue()
    {
        Span<byte> raw = stackalloc byte[8 + 8 + 16];
        BinaryPrimitives.WriteInt64BigEndian(raw, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(raw.Slice(8, 8));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, raw[..16], mac);
        mac[..16].CopyTo(raw[16..]);
        return Convert.ToHexStringLower(raw);
    }

    public NonceCheck Check(string nonce, string? nonceCount)
    {
        Span<byte> raw = stackalloc byte[32];
        if (nonce.Length != 64 || Convert.FromHexString(nonce, raw, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return NonceCheck.Invalid;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, raw[..16], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..16], raw[16..]))
        {
            return NonceCheck.Invalid;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(raw);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - issued > lifetime.TotalMilliseconds || issued > now + 1000)
        {
            return NonceCheck.Stale;
        }

        if (!uint.TryParse(nonceCount, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return NonceCheck.Invalid;
        }

        Prune(now);
        var accepted = false;
        counts.AddOrUpdate(
            nonce,
            _ =>
            {
                accepted = true;
                return (count, issued);
            },
            (_, existing) =>
            {
                accepted = count > existing.LastCount;
                return accepted ? (count, existing.IssuedMs) : existing;
            });
        return accepted ? NonceCheck.Valid : NonceCheck.Replayed;
    }

    private void Prune(long now)
    {
        if (counts.Count < 1024)
        {
            return;
        }

        foreach (var (nonce, entry) in counts)
        {
            if (now - entry.IssuedMs > lifetime.TotalMilliseconds)
            {
                counts.TryRemove(nonce, out _);
            }
        }
    }
}

public enum NonceCheck
{
    Valid,
    Invalid,
    Stale,
    Replayed,
}
