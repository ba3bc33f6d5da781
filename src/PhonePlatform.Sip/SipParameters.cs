using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// An ordered list of <c>;name[=value]</c> parameters (RFC 3261 §25.1 generic-param / uri-parameter).
/// Names compare case-insensitively; a parameter without value (<c>lr</c>, <c>rport</c>) has a null value.
/// </summary>
public sealed class SipParameters
{
    // Most URIs and headers carry no parameters: the list is only allocated for the first one.
    private List<KeyValuePair<string, string?>>? items;

    public int Count => items?.Count ?? 0;

    public IEnumerable<KeyValuePair<string, string?>> All => items ?? [];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Returns the value, an empty string for a value-less parameter, or null when absent.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : items![index].Value ?? string.Empty;
    }

    public void Set(string name, string? value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            items![index] = new(items[index].Key, value);
        }
        else
        {
            (items ??= []).Add(new(name, value));
        }
    }

    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        items!.RemoveAt(index);
        return true;
    }

    public void AppendTo(StringBuilder builder)
    {
        if (items is null)
        {
            return;
        }

        foreach (var (name, value) in items)
        {
            builder.Append(';').Append(name);
            if (value is not null)
            {
                builder.Append('=').Append(value);
            }
        }
    }

    public SipParameters Clone()
    {
        var copy = new SipParameters();
        if (items is not null)
        {
            copy.items = [.. items];
        }

        return copy;
    }

    /// <summary>Parses the parameters of <paramref name="text"/> from <paramref name="start"/> to the end.</summary>
    internal static bool TryParse(string text, int start, SipParameters target) =>
        TryParse(Encoding.UTF8.GetBytes(text[start..]), 0, target, out _);

    /// <summary>
    /// Parses <c>;a=b ; c ;d = "quoted"</c>. Whitespace around separators is allowed (RFC 3261 §25.1 SEMI/EQUAL).
    /// Stops at <paramref name="stop"/> (0: none) outside quotes and returns the index where parsing stopped.
    /// With a null <paramref name="target"/> the syntax is only checked, without allocating. A parameter named
    /// <paramref name="valueRequired"/> without a value is refused.
    /// </summary>
    internal static bool TryParse(
        ReadOnlySpan<byte> text, int start, SipParameters? target, out int end, byte stop = 0, ReadOnlySpan<byte> valueRequired = default)
    {
        var i = start;
        end = start;
        while (true)
        {
            i = SipGrammar.SkipWhitespace(text, i);
            if (i >= text.Length || (stop != 0 && text[i] == stop))
            {
                end = i;
                return true;
            }

            if (text[i] != ';')
            {
                return false;
            }

            i = SipGrammar.SkipWhitespace(text, i + 1);
            var nameStart = i;
            i = SipGrammar.SkipAll(text, i, SipGrammar.ParamBytes);

            if (i == nameStart)
            {
                return false;
            }

            var name = text[nameStart..i];
            i = SipGrammar.SkipWhitespace(text, i);
            var value = ReadOnlySpan<byte>.Empty;
            var hasValue = false;
            if (i < text.Length && text[i] == '=')
            {
                hasValue = true;
                i = SipGrammar.SkipWhitespace(text, i + 1);
                if (i < text.Length && text[i] == '"')
                {
                    var close = SipGrammar.FindQuotedStringEnd(text, i);
                    if (close < 0)
                    {
                        return false;
                    }

                    value = text[i..(close + 1)];
                    i = close + 1;
                }
                else
                {
                    var valueStart = i;
                    i = SipGrammar.SkipAll(text, i, SipGrammar.ParamValueBytes);

                    if (i == valueStart)
                    {
                        return false;
                    }

                    value = text[valueStart..i];
                }
            }

            if (!hasValue && !valueRequired.IsEmpty && Ascii.EqualsIgnoreCase(name, valueRequired))
            {
                return false;
            }

            if (target is not null)
            {
                (target.items ??= []).Add(new(SipGrammar.InternParameterName(name), hasValue ? Encoding.UTF8.GetString(value) : null));
            }
        }
    }

    private int IndexOf(string name)
    {
        if (items is null)
        {
            return -1;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
