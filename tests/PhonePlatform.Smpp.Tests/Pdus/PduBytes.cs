namespace PhonePlatform.Smpp.Tests.Pdus;

/// <summary>Builds expected PDUs from hex written the way SMPP 3.4 §3.2 lays them out (header fields, then body).</summary>
internal static class PduBytes
{
    public static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>A whole PDU: header with the right command_length, given command_id, status 0, sequence 1, then the body.</summary>
    public static byte[] Frame(uint commandId, params string[] body)
    {
        var bodyBytes = Hex(body);
        return [.. Hex($"{16 + bodyBytes.Length:X8} {commandId:X8} 00000000 00000001"), .. bodyBytes];
    }

    public static string Ascii(string text) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));
}
