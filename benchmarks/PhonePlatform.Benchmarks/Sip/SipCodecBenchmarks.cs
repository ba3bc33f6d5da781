using System.Text;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Sip;

namespace PhonePlatform.Benchmarks.Sip;

/// <summary>Parse and serialise a typical INVITE with SDP (target: at least 500k parses per second per core).</summary>
[MemoryDiagnoser]
public class SipCodecBenchmarks
{
    private const string Invite =
        "INVITE sip:+4930123456@gw.example.com;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bKnashds8;received=203.0.113.9\r\n" +
        "Max-Forwards: 69\r\n" +
        "To: <sip:+4930123456@gw.example.com;user=phone>\r\n" +
        "From: \"Alice\" <sip:+14155550100@carrier.example.net;user=phone>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:+14155550100@198.51.100.7:5060;transport=udp>\r\n" +
        "Record-Route: <sip:203.0.113.9;lr>\r\n" +
        "P-Asserted-Identity: <sip:+14155550100@carrier.example.net;user=phone>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO\r\n" +
        "Supported: timer, 100rel\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "User-Agent: CarrierSBC/4.2\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 238\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=- 3911239818 3911239818 IN IP4 198.51.100.7\r\n" +
        "s=-\r\n" +
        "c=IN IP4 198.51.100.7\r\n" +
        "t=0 0\r\n" +
        "m=audio 31000 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    private static readonly SipParserOptions WithoutValidation = new() { Validate = false };
    private readonly byte[] bytes = Encoding.ASCII.GetBytes(Invite);
    private readonly System.Buffers.ArrayBufferWriter<byte> output = new(2048);
    private SipMessage parsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var result = SipParser.Parse(bytes);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error);
        }

        parsed = result.Message!;
    }

    /// <summary>Framing and header slicing only (what the transport loop needs before transaction matching).</summary>
    [Benchmark(Baseline = true)]
    public SipMessage? Parse() => SipParser.Parse(bytes, WithoutValidation).Message;

    /// <summary>Parse plus the RFC 3261 §8 checks (Via, From, To, Contact, CSeq, Request-URI parsed).</summary>
    [Benchmark]
    public SipMessage? ParseAndValidate() => SipParser.Parse(bytes).Message;

    [Benchmark]
    public int Serialise()
    {
        output.ResetWrittenCount();
        parsed.WriteTo(output);
        return output.WrittenCount;
    }

    [Benchmark]
    public int ParseAndSerialise()
    {
        output.ResetWrittenCount();
        SipParser.Parse(bytes, WithoutValidation).Message!.WriteTo(output);
        return output.WrittenCount;
    }
}
