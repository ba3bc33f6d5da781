using System.Buffers;
using System.Globalization;

namespace PhonePlatform.Sip;

/// <summary>A SIP response (RFC 3261 §7.2): <c>SIP/2.0 SP Status-Code SP Reason-Phrase</c>.</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
        : this(statusCode, reasonPhrase ?? SipStatusCodes.ReasonPhrase(statusCode), new SipHeaders(), ReadOnlyMemory<byte>.Empty)
    {
    }

    internal SipResponse(int statusCode, string reasonPhrase, SipHeaders headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    private protected override void WriteStartLine(IBufferWriter<byte> writer)
    {
        writer.Write("SIP/2.0 "u8);
        var span = writer.GetSpan(4);
        StatusCode.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
        writer.Write(" "u8);
        WriteAscii(writer, ReasonPhrase);
        writer.Write("\r\n"u8);
    }

    /// <summary>
    /// Builds a response to <paramref name="request"/> per RFC 3261 §8.2.6.2: Via, From, Call-ID and CSeq copied, To
    /// copied with a tag added when the request had none and the response is not a 100.
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.Via);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.From);
        var toValue = request.Headers.Get(SipHeaderNames.To);
        if (toValue is not null && statusCode != 100 && SipNameAddress.TryParse(toValue, out var to) && to.Tag is null)
        {
            to.Tag = toTag ?? SipTags.New();
            response.Headers.Add(SipHeaderNames.To, to.ToString());
        }
        else
        {
            response.Headers.CopyFrom(request.Headers, SipHeaderNames.To);
        }

        response.Headers.CopyFrom(request.Headers, SipHeaderNames.CallId);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.CSeq);

        // RFC 3261 §12.1.1: a response that can establish a dialog carries the request's Record-Route, so proxies on
        // the path (an edge such as Kamailio) stay in the route set of both ends.
        if (statusCode is > 100 and < 300 && CanEstablishDialog(request.Method))
        {
            response.Headers.CopyFrom(request.Headers, SipHeaderNames.RecordRoute);
        }

        // RFC 3261 §8.2.6.1: a 100 Trying copies the Timestamp.
        if (statusCode == 100)
        {
            response.Headers.CopyFrom(request.Headers, SipHeaderNames.Timestamp);
        }

        return response;
    }

    private static bool CanEstablishDialog(string method) =>
        method is SipMethods.Invite or SipMethods.Subscribe or SipMethods.Refer or SipMethods.Notify;
}
