namespace PhonePlatform.Media.Tests;

/// <summary>Test vectors are typed as the RFCs print them: hex in groups separated by spaces.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
