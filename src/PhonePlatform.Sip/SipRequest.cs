using System.Buffers;

namespace PhonePlatform.Sip;

/// <summary>A SIP request (RFC 3261 §7.1): <c>Method SP Request-URI SP SIP/2.0</c>.</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? requestUri;
    private string requestUriText;

    public SipRequest(string method, SipUri requestUri)
        : this(method, requestUri.ToString(), new SipHeaders(), ReadOnlyMemory<byte>.Empty)
    {
        this.requestUri = requestUri;
    }

    internal SipRequest(string method, string requestUriText, SipHeaders headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        Method = method;
        this.requestUriText = requestUriText;
    }

    public string Method { get; }

    /// <summary>The Request-URI; parsed on first use.</summary>
    public SipUri RequestUri
    {
        get => requestUri ??= SipUri.TryParse(requestUriText, out var uri) ? uri : new SipUri("sip", null, "invalid");
        set
        {
            requestUri = value;
            requestUriText = value.ToString();
        }
    }

    public string RequestUriText => requestUri?.ToString() ?? requestUriText;

    public int? MaxForwards => Headers.GetInt(SipHeaderNames.MaxForwards);

    private protected override void WriteStartLine(IBufferWriter<byte> writer)
    {
        WriteAscii(writer, Method);
        writer.Write(" "u8);
        WriteAscii(writer, RequestUriText);
        writer.Write(" SIP/2.0\r\n"u8);
    }

    /// <summary>A copy whose headers and body can be changed independently (used to re-send with credentials).</summary>
    public SipRequest Clone() => new(Method, RequestUriText, Headers.Clone(), Body);
}
