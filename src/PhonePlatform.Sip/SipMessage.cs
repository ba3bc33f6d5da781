using System.Buffers;
using System.Globalization;
using System.Text;
using PhonePlatform.Sip.Internal;

namespace PhonePlatform.Sip;

/// <summary>A SIP request or response (RFC 3261 §7): start line, header fields, optional body.</summary>
public abstract class SipMessage
{
    public const string Version = "SIP/2.0";

    private protected SipMessage(SipHeaders headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    public SipHeaders Headers { get; }

    public ReadOnlyMemory<byte> Body { get; set; }

    public string? CallId
    {
        get => Headers.Get(SipHeaderNames.CallId);
        set => SetOrRemove(SipHeaderNames.CallId, value);
    }

    public SipCSeq? CSeq
    {
        get => Headers.TryGetRaw(SipHeaderNames.CSeq, out var raw) && SipCSeq.TryParse(raw, out var cseq) ? cseq : null;
        set => SetOrRemove(SipHeaderNames.CSeq, value?.ToString());
    }

    public SipNameAddress? From
    {
        get => Headers.TryGetRaw(SipHeaderNames.From, out var raw) && SipNameAddress.TryParse(raw, out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.From, value?.ToString());
    }

    public SipNameAddress? To
    {
        get => Headers.TryGetRaw(SipHeaderNames.To, out var raw) && SipNameAddress.TryParse(raw, out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.To, value?.ToString());
    }

    /// <summary>The topmost Via value (first element of the first Via field).</summary>
    public SipViaHeader? TopVia
    {
        get
        {
            if (!Headers.TryGetRaw(SipHeaderNames.Via, out var raw))
            {
                return null;
            }

            var values = new TopLevelCommaSplitter(raw);
            return values.MoveNext() && SipViaHeader.TryParse(values.Current, out var via) ? via : null;
        }
    }

    public List<SipViaHeader> Vias => ParseAll<SipViaHeader>(SipHeaderNames.Via, SipViaHeader.TryParse);

    /// <summary>All Contact values (a Contact field may carry several, §20.10).</summary>
    public List<SipNameAddress> Contacts => ParseAll<SipNameAddress>(SipHeaderNames.Contact, SipNameAddress.TryParse);

    public string? ContentType
    {
        get => Headers.Get(SipHeaderNames.ContentType);
        set => SetOrRemove(SipHeaderNames.ContentType, value);
    }

    public string? UserAgent => Headers.Get(SipHeaderNames.UserAgent) ?? Headers.Get(SipHeaderNames.Server);

    /// <summary>Replaces the topmost Via value, keeping any further values.</summary>
    public void SetTopVia(SipViaHeader via)
    {
        Headers.RemoveFirstValue(SipHeaderNames.Via);
        Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    private delegate bool Utf8ValueParser<T>(ReadOnlySpan<byte> utf8, out T value);

    /// <summary>Parses every element of every field named <paramref name="name"/> from the received bytes; invalid ones are skipped.</summary>
    private List<T> ParseAll<T>(string name, Utf8ValueParser<T> parse)
    {
        var values = new List<T>(2);
        foreach (var header in Headers)
        {
            if (ReferenceEquals(header.Name, name))
            {
                foreach (var element in new TopLevelCommaSplitter(header.RawValue.Span))
                {
                    if (!element.IsEmpty && parse(element, out var value))
                    {
                        values.Add(value);
                    }
                }
            }
        }

        return values;
    }

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Headers.Remove(name);
        }
        else
        {
            Headers.Set(name, value);
        }
    }

    private protected abstract void WriteStartLine(IBufferWriter<byte> writer);

    /// <summary>Serialises the message; Content-Length is always written last among the headers and equals the body length.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        WriteStartLine(writer);
        foreach (var field in Headers)
        {
            if (ReferenceEquals(field.Name, SipHeaderNames.ContentLength)
                || string.Equals(field.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            WriteAscii(writer, field.Name);
            writer.Write(": "u8);
            writer.Write(field.RawValue.Span);
            writer.Write("\r\n"u8);
        }

        writer.Write("Content-Length: "u8);
        var span = writer.GetSpan(11);
        Body.Length.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
        writer.Write("\r\n\r\n"u8);
        writer.Write(Body.Span);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(512 + Body.Length);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToArray());

    private protected static void WriteAscii(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(text.Length * 3);
        var count = Encoding.UTF8.GetBytes(text, span);
        writer.Advance(count);
    }
}
