namespace PhonePlatform.Sip.Tests.Codec;

public sealed class UriAndHeaderTests
{
    [Theory]
    [InlineData("sip:alice@example.com", "alice", "example.com", null)]
    [InlineData("sips:alice:secret@[2001:db8::1]:5061;transport=tls", "alice", "[2001:db8::1]", 5061)]
    [InlineData("sip:192.0.2.1:5060;lr", null, "192.0.2.1", 5060)]
    [InlineData("SIP:alice@Example.COM", "alice", "Example.COM", null)]
    public void SipUri_Parses(string text, string? user, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal(user, uri.User);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.True(SipUri.TryParse(uri.ToString(), out var again));
        Assert.True(uri.EquivalentTo(again));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:alice@")]
    [InlineData("sip:alice@example.com:99999")]
    [InlineData("sip:alice@[::1")]
    [InlineData("sip:al%2ice@example.com")]
    [InlineData("<sip:alice@example.com>")]
    [InlineData("1sip:alice@example.com")]
    public void SipUri_Malformed_IsRejected(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void SipUri_TelAndUnknownSchemes_AreKeptOpaque()
    {
        Assert.True(SipUri.TryParse("tel:+14155550100;phone-context=example.com", out var tel));
        Assert.False(tel.IsSip);
        Assert.Equal("tel:+14155550100;phone-context=example.com", tel.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport", "UDP", "192.0.2.1", 5060)]
    [InlineData("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK2", "WSS", "df7jal23ls0d.invalid", null)]
    [InlineData("SIP / 2.0 / tcp [2001:db8::1]:5070 ; branch = z9hG4bK3", "TCP", "[2001:db8::1]", 5070)]
    public void Via_Parses(string text, string transport, string host, int? port)
    {
        Assert.True(SipViaHeader.TryParse(text, out var via));
        Assert.Equal(transport, via.Transport);
        Assert.Equal(host, via.Host);
        Assert.Equal(port, via.Port);
    }

    [Fact]
    public void Via_RportWithoutValue_IsFilledByServer()
    {
        Assert.True(SipViaHeader.TryParse("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1", out var via));
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);

        via.Rport = 40000;
        via.Received = "198.51.100.7";

        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;rport=40000;branch=z9hG4bK1;received=198.51.100.7", via.ToString());
    }

    [Theory]
    [InlineData("SIP/3.0/UDP host;branch=z9hG4bK1")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:port")]
    [InlineData("SIP/2.0 UDP host")]
    public void Via_Malformed_IsRejected(string text)
    {
        Assert.False(SipViaHeader.TryParse(text, out _));
    }

    [Theory]
    [InlineData("\"Alice \\\"A\\\"\" <sip:alice@example.com>;tag=1", "Alice \"A\"", "1")]
    [InlineData("Alice Smith <sip:alice@example.com>", "Alice Smith", null)]
    [InlineData("sip:alice@example.com;tag=xyz", null, "xyz")]
    [InlineData("<sip:alice@example.com;transport=tcp>;expires=60", null, null)]
    public void NameAddress_Parses(string text, string? display, string? tag)
    {
        Assert.True(SipNameAddress.TryParse(text, out var value));
        Assert.Equal(display, value.DisplayName);
        Assert.Equal(tag, value.Tag);
        Assert.True(SipNameAddress.TryParse(value.ToString(), out var again));
        Assert.Equal(value.ToString(), again.ToString());
    }

    [Fact]
    public void NameAddress_AddrSpecParametersBelongToTheHeader()
    {
        var value = SipNameAddress.Parse("sip:alice@example.com;tag=1");

        Assert.Equal(0, value.Uri.Parameters.Count);
        Assert.Equal("1", value.Tag);
    }

    [Fact]
    public void Headers_CompactAndLongFormsAreTheSameHeader()
    {
        var message = SipParser.Parse("OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:x@y>;tag=1\r\nt: <sip:a@b>\r\ni: c1\r\nCSeq: 1 OPTIONS\r\nm: <sip:x@h>, <sip:x@h2>\r\nContact: <sip:x@h3>\r\nl: 0\r\n\r\n").Message!;

        Assert.Equal("c1", message.CallId);
        Assert.Equal(3, message.Contacts.Count);
        Assert.Equal(3, message.Headers.GetValues("m").Count);
    }

    [Fact]
    public void Serialise_WritesCorrectContentLengthForBody()
    {
        var request = new SipRequest(SipMethods.Message, SipUri.Parse("sip:a@b"));
        request.Headers.Add(SipHeaderNames.ContentLength, "999");
        request.Body = "héllo"u8.ToArray();

        var text = System.Text.Encoding.UTF8.GetString(request.ToArray());

        Assert.Contains("Content-Length: 6\r\n\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("999", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AboveMaximumSize_IsRefusedWithoutParsing()
    {
        var result = SipParser.Parse(new byte[70_000]);

        Assert.Equal(SipParseStatus.TooLarge, result.Status);
        Assert.Null(result.Message);
    }
}
