using System.Security.Cryptography;

namespace PhonePlatform.Core.Internal;

internal static class Base64Url
{
    public static string Random(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return System.Buffers.Text.Base64Url.EncodeToString(buffer);
    }
}
