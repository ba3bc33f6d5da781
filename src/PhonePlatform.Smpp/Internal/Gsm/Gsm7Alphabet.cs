using System.Collections.Frozen;
using System.Text;

namespace PhonePlatform.Smpp.Internal.Gsm;

/// <summary>
/// 3GPP TS 23.038 (GSM 03.38) §6.2.1 default alphabet and its §6.2.1.1 extension table, reached through the
/// escape septet 0x1B. A character of the extension table costs two septets.
/// </summary>
internal static class Gsm7Alphabet
{
    public const byte Escape = 0x1B;

    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly FrozenDictionary<char, byte> Basic = BuildBasic();

    private static readonly FrozenDictionary<char, byte> Extension = new Dictionary<char, byte>
    {
        ['\f'] = 0x0A,
        ['^'] = 0x14,
        ['{'] = 0x28,
        ['}'] = 0x29,
        ['\\'] = 0x2F,
        ['['] = 0x3C,
        ['~'] = 0x3D,
        [']'] = 0x3E,
        ['|'] = 0x40,
        ['€'] = 0x65,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<byte, char> ExtensionBySeptet =
        Extension.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Septets needed for <paramref name="c"/>: 1 (default table), 2 (escape + extension) or 0 if not encodable.</summary>
    public static int SeptetCost(char c) => Basic.ContainsKey(c) ? 1 : Extension.ContainsKey(c) ? 2 : 0;

    /// <summary>Total septets of <paramref name="text"/>, or -1 when a character is outside both tables.</summary>
    public static int CountSeptets(ReadOnlySpan<char> text)
    {
        var total = 0;
        foreach (var c in text)
        {
            var cost = SeptetCost(c);
            if (cost == 0)
            {
                return -1;
            }

            total += cost;
        }

        return total;
    }

    /// <summary>Writes one septet per octet (the unpacked form SMPP short_message carries with data_coding 0x00).</summary>
    public static int WriteSeptets(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var written = 0;
        foreach (var c in text)
        {
            if (Basic.TryGetValue(c, out var septet))
            {
                destination[written++] = septet;
            }
            else
            {
                destination[written++] = Escape;
                destination[written++] = Extension[c];
            }
        }

        return written;
    }

    /// <summary>
    /// Decodes unpacked septets. §6.2.1.1: an escape followed by a septet without an extension character shows the
    /// default-table character; a trailing escape shows a space.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> septets)
    {
        var builder = new StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = (byte)(septets[i] & 0x7F);
            if (septet != Escape)
            {
                builder.Append(BasicTable[septet]);
                continue;
            }

            if (++i >= septets.Length)
            {
                builder.Append(' ');
                break;
            }

            var next = (byte)(septets[i] & 0x7F);
            builder.Append(ExtensionBySeptet.TryGetValue(next, out var extended) ? extended : next == Escape ? ' ' : BasicTable[next]);
        }

        return builder.ToString();
    }

    private static FrozenDictionary<char, byte> BuildBasic()
    {
        var map = new Dictionary<char, byte>(128);
        for (var i = 0; i < BasicTable.Length; i++)
        {
            if (i != Escape)
            {
                map[BasicTable[i]] = (byte)i;
            }
        }

        return map.ToFrozenDictionary();
    }
}
