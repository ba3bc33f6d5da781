using System.Text;

namespace PhonePlatform.Sip.Tests.Codec;

/// <summary>RFC 4475 §3.1: the valid torture messages parse, the invalid ones are refused without an exception.</summary>
public sealed class Rfc4475TortureTests
{
    private static string DataDirectory(string kind) => Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", kind);

    public static TheoryData<string> ValidMessages() => Names("valid");

    public static TheoryData<string> InvalidMessages() => Names("invalid");

    private static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(DataDirectory(kind), "*.dat").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    private static SipParseResult ParseFile(string kind, string name) =>
        SipParser.Parse(File.ReadAllBytes(Path.Combine(DataDirectory(kind), name + ".dat")));

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void Parse_ValidTortureMessage_Succeeds(string name)
    {
        var result = ParseFile("valid", name);

        Assert.True(result.IsSuccess, $"{name}: {result.Error}");
        Assert.NotNull(result.Message);
    }

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public void Parse_InvalidTortureMessage_IsRefused(string name)
    {
        var result = ParseFile("invalid", name);

        Assert.False(result.IsSuccess, $"{name} was accepted");
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_Wsinv_ReadsFoldedAndCompactHeaders()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "wsinv").Message);

        Assert.Equal(SipMethods.Invite, request.Method);
        Assert.True(request.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", request.To!.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal(new SipCSeq(9, SipMethods.Invite), request.CSeq);
        Assert.Equal("", request.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", request.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.Headers.Get("UnknownHeaderWithUnusualValue"));

        var vias = request.Vias;
        Assert.Equal(3, vias.Count);
        Assert.Equal("UDP", vias[0].Transport);
        Assert.Equal("192.0.2.2", vias[0].Host);
        Assert.Equal("390skdjuw", vias[0].Branch);
        Assert.Equal("TCP", vias[1].Transport);
        Assert.Equal("spindle.example.com", vias[1].Host);
        Assert.Equal("z9hG4bK9ikj8", vias[1].Branch);
        Assert.Equal("z9hG4bK30239", vias[2].Branch);

        var contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.Equal("", contact.Parameters.Get("secondparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void Parse_Esc01_KeepsEscapesAndUnescapesForComparison()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "esc01").Message);

        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
        Assert.Equal("sip:user@example.com", request.To!.Uri.ToAddressOfRecord());
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal("v%61lue%25%34%31", request.Contacts[0].Uri.Parameters.Get("n%61me"));
    }

    [Fact]
    public void Parse_Esc02_TreatsEscapedMethodAndHeaderNameAsUnknown()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "esc02").Message);

        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.Equal(2, request.Contacts.Count);
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers.Get("C%6Fntact"));
    }

    [Fact]
    public void Parse_Dblreq_UsesContentLengthAndIgnoresTrailingRequest()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "dblreq").Message);

        Assert.Equal(SipMethods.Register, request.Method);
        Assert.Equal(0, request.Body.Length);
    }

    [Fact]
    public void Parse_Semiuri_KeepsSemicolonInUserPart()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "semiuri").Message);

        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal(6, request.Headers.GetValues("Accept").Count);
    }

    [Fact]
    public void Parse_Intmeth_AcceptsUnusualTokensAndUtf8()
    {
        var request = Assert.IsType<SipRequest>(ParseFile("valid", "intmeth").Message);

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("_token~1'+`*%!-.", request.From!.Tag);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From.DisplayName);
        Assert.Equal("\uFEFF\u5927\u505C\u96FB", request.Headers.Get("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void Parse_Unreason_KeepsUtf8ReasonPhrase()
    {
        var response = Assert.IsType<SipResponse>(ParseFile("valid", "unreason").Message);

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2", response.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Noreason_AcceptsEmptyReasonPhrase()
    {
        var response = Assert.IsType<SipResponse>(ParseFile("valid", "noreason").Message);

        Assert.Equal(100, response.StatusCode);
        Assert.Equal("", response.ReasonPhrase);
    }

    [Fact]
    public void Parse_Badvers_ReportsVersionNotSupportedWithHeadersForA505()
    {
        var result = ParseFile("invalid", "badvers");

        Assert.Equal(SipParseStatus.VersionNotSupported, result.Status);
        Assert.Equal(505, result.ErrorStatusCode);
        Assert.NotNull(result.Message?.CallId);
    }

    [Fact]
    public void Parse_Clerr_ReturnsPartialMessageSoA400CanBeSent()
    {
        var result = ParseFile("invalid", "clerr");

        Assert.Equal(SipParseStatus.Malformed, result.Status);
        Assert.Equal("clerr.0ha0isndaksdjweiafasdk3", result.Message?.CallId);
    }

    [Fact]
    public void Serialise_ParsedTortureMessage_ParsesBackEquivalent()
    {
        foreach (var name in new[] { "wsinv", "esc01", "escnull", "semiuri", "transports", "mpart01", "intmeth" })
        {
            var original = ParseFile("valid", name).Message!;
            var reparsed = SipParser.Parse(original.ToArray());

            Assert.True(reparsed.IsSuccess, $"{name}: {reparsed.Error}");
            Assert.Equal(original.CallId, reparsed.Message!.CallId);
            Assert.Equal(original.CSeq, reparsed.Message.CSeq);
            Assert.Equal(original.Headers.Count, reparsed.Message.Headers.Count);
            Assert.Equal(original.Body.ToArray(), reparsed.Message.Body.ToArray());
            Assert.Equal(Encoding.UTF8.GetString(original.ToArray()), Encoding.UTF8.GetString(reparsed.Message.ToArray()));
        }
    }
}
