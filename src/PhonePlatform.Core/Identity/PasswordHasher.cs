using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace PhonePlatform.Core.Identity;

/// <summary>
/// Argon2id password hashes in PHC string format: <c>$argon2id$v=19$m=65536,t=3,p=1$salt$hash</c>.
/// The parameters travel with each hash, so raising the cost later still verifies old hashes.
/// </summary>
public sealed class PasswordHasher(PasswordHashingOptions options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public async Task<string> HashAsync(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = await DeriveAsync(password, salt, options.MemoryKiB, options.Iterations, options.Parallelism, HashBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={options.MemoryKiB},t={options.Iterations},p={options.Parallelism}${B64(salt)}${B64(hash)}");
    }

    /// <summary>Verifies in constant time. A malformed stored hash never verifies and never throws.</summary>
    public static async Task<bool> VerifyAsync(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(storedHash, out var m, out var t, out var p, out var salt, out var expected))
        {
            return false;
        }

        var actual = await DeriveAsync(password, salt, m, t, p, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Does the work of one verification; used when there is no hash (unknown account) to keep timing alike.</summary>
    public async Task SpendVerificationTimeAsync(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        _ = await DeriveAsync(password, new byte[SaltBytes], options.MemoryKiB, options.Iterations, options.Parallelism, HashBytes);
    }

    /// <summary>True when the stored hash was made with weaker parameters than configured now.</summary>
    public bool NeedsRehash(string storedHash) =>
        !TryParse(storedHash, out var m, out var t, out var p, out _, out _)
        || m < options.MemoryKiB || t < options.Iterations || p != options.Parallelism;

    private static async Task<byte[]> DeriveAsync(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return await argon2.GetBytesAsync(length);
    }

    private static bool TryParse(string? stored, out int m, out int t, out int p, out byte[] salt, out byte[] hash)
    {
        m = t = p = 0;
        salt = hash = [];
        var parts = stored?.Split('$');
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts is not { Length: 6 } || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        var costs = parts[3].Split(',');
        if (costs.Length != 3
            || !TryCost(costs[0], "m=", 8, 4 * 1024 * 1024, out m)
            || !TryCost(costs[1], "t=", 1, 100, out t)
            || !TryCost(costs[2], "p=", 1, 64, out p))
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[4]);
            hash = Convert.FromBase64String(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }

    private static bool TryCost(string part, string key, int min, int max, out int value)
    {
        value = 0;
        return part.StartsWith(key, StringComparison.Ordinal)
            && int.TryParse(part.AsSpan(key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);
}
