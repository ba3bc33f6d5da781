using System.Buffers;

namespace PhonePlatform.Sip.Internal;

/// <summary>
/// Enumerates the elements of a comma-separated header value (RFC 3261 §7.3.1) as trimmed slices of the value,
/// ignoring commas inside quoted strings and angle brackets. Allocation-free counterpart of
/// <see cref="SipGrammar.SplitTopLevelCommas"/> for the receive path.
/// </summary>
internal ref struct TopLevelCommaSplitter
{
    private static readonly SearchValues<byte> Delimiters = SearchValues.Create("\"<>,"u8);

    private readonly ReadOnlySpan<byte> value;
    private int position;

    public TopLevelCommaSplitter(ReadOnlySpan<byte> value)
    {
        this.value = value;
        position = 0;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly TopLevelCommaSplitter GetEnumerator() => this;

    public bool MoveNext()
    {
        if (position > value.Length)
        {
            return false;
        }

        var start = position;
        var depth = 0;
        for (var i = start; i < value.Length; i++)
        {
            // Jump to the next byte that matters.
            var next = value[i..].IndexOfAny(Delimiters);
            if (next < 0)
            {
                break;
            }

            i += next;
            switch (value[i])
            {
                case (byte)'"':
                    var close = SipGrammar.FindQuotedStringEnd(value, i);
                    i = close < 0 ? value.Length - 1 : close;
                    break;
                case (byte)'<':
                    depth++;
                    break;
                case (byte)'>':
                    depth = Math.Max(0, depth - 1);
                    break;
                case (byte)',' when depth == 0:
                    Current = value[start..i].Trim(" \t\r\n"u8);
                    position = i + 1;
                    return true;
            }
        }

        Current = value[start..].Trim(" \t\r\n"u8);
        position = value.Length + 1;
        return true;
    }
}
