using System.Text;

namespace PhonePlatform.Sip.Tests.Codec;

/// <summary>The RFC 3261 §8 checks on received messages run over the header bytes and allocate nothing themselves.</summary>
public sealed class ValidationAllocationTests
{
    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:+4930123456@gw.example.com;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bKnashds8;received=203.0.113.9, SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK9\r\n" +
        "Max-Forwards: 69\r\n" +
        "To: <sip:+4930123456@gw.example.com;user=phone>\r\n" +
        "From: \"Alice \\\"A\\\"\" <sip:+14155550100@carrier.example.net;user=phone>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:+14155550100@198.51.100.7:5060;transport=udp>;expires=60, sip:b@[2001:db8::2];q=0.5\r\n" +
        "Expires: 120\r\n" +
        "Content-Length: 0\r\n\r\n");

    [Fact]
    public void Parse_WithValidation_AllocatesNoMoreThanWithout()
    {
        var withoutValidation = new SipParserOptions { Validate = false };
        Assert.True(SipParser.Parse(Invite).IsSuccess);
        Assert.True(SipParser.Parse(Invite, withoutValidation).IsSuccess);

        var parseOnly = AllocatedBy(() => SipParser.Parse(Invite, withoutValidation));
        var parseAndValidate = AllocatedBy(() => SipParser.Parse(Invite));

        Assert.Equal(parseOnly, parseAndValidate);
    }

    [Fact]
    public void TypedAccessors_ReadTheSameValuesAsTheTextParsers()
    {
        var message = SipParser.Parse(Invite).Message!;

        Assert.Equal("Alice \"A\"", message.From!.DisplayName);
        Assert.Equal("1928301774", message.From.Tag);
        Assert.Equal(["198.51.100.7", "203.0.113.9", "[2001:db8::1]"], message.Vias.Select(v => v.Host));
        Assert.Equal("TCP", message.Vias[2].Transport);
        Assert.Equal(["sip:+14155550100@198.51.100.7:5060;transport=udp", "sip:b@[2001:db8::2]"], message.Contacts.Select(c => c.Uri.ToString()));
        Assert.Equal("0.5", message.Contacts[1].Parameters.Get("q"));
        Assert.Equal(new SipCSeq(314159, SipMethods.Invite), message.CSeq);
        Assert.Equal(message.TopVia!.ToString(), SipViaHeader.TryParse(message.TopVia.ToString(), out var again) ? again.ToString() : null);
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
    }
}
