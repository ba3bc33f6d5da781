using System.Security.Cryptography;
using PhonePlatform.Core.Internal;

namespace PhonePlatform.Core.Identity;

/// <summary>
/// Ten single-use recovery codes of 80 random bits each, formatted <c>xxxx-xxxx-xxxx-xxxx</c> in
/// RFC 4648 base32 (lower case). Stored as SHA-256; their entropy makes a slow KDF unnecessary.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static IReadOnlyList<string> Generate()
    {
        var codes = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var chars = new char[19];
            for (var c = 0; c < 16; c++)
            {
                chars[c + (c / 4)] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            chars[4] = chars[9] = chars[14] = '-';
            codes[i] = new string(chars);
        }

        return codes;
    }

    /// <summary>Hash of a code as typed: case, spaces and dashes do not matter.</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return Sha256Hex.Of(normalized);
    }
}
