using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Tests.Support;

namespace PhonePlatform.Sip.Tests.Dialogs;

/// <summary>RFC 3261 §12.1.1: the UAS copies Record-Route into responses that establish a dialog.</summary>
public sealed class RecordRouteInResponseTests
{
    private const string EdgeRoutes = "Record-Route: <sip:edge1.example.net;lr>\r\nRecord-Route: <sip:edge2.example.net;lr;transport=tcp>";

    private static SipRequest Parse(string method) =>
        (SipRequest)SipParser.Parse(Messages.Request(method, extraHeaders: EdgeRoutes).ReplaceLineEndings("\r\n")).Message!;

    [Theory]
    [InlineData(180)]
    [InlineData(183)]
    [InlineData(200)]
    public void InviteResponse_CarriesTheRequestsRecordRouteInOrder(int status)
    {
        var response = SipResponse.Create(Parse(SipMethods.Invite), status, null, "uas-tag");

        Assert.Equal(["<sip:edge1.example.net;lr>", "<sip:edge2.example.net;lr;transport=tcp>"], response.Headers.GetValues(SipHeaderNames.RecordRoute));
    }

    [Fact]
    public void UacDialogFromTheResponse_RoutesBackThroughTheEdge()
    {
        var invite = Parse(SipMethods.Invite);
        var ok = SipResponse.Create(invite, 200, null, "uas-tag");
        ok.Headers.Add(SipHeaderNames.Contact, "<sip:gateway@192.0.2.30:5060>");

        var dialog = SipDialog.CreateAsUac(invite, ok, new RecordingTransport().PeerEndPoint);

        Assert.Equal(["edge2.example.net", "edge1.example.net"], dialog.RouteSet.Select(r => r.Uri.Host));
    }

    [Theory]
    [InlineData(SipMethods.Invite, 100)]
    [InlineData(SipMethods.Invite, 486)]
    [InlineData(SipMethods.Options, 200)]
    [InlineData(SipMethods.Register, 200)]
    public void ResponsesThatEstablishNoDialog_CarryNoRecordRoute(string method, int status)
    {
        var response = SipResponse.Create(Parse(method), status, null, "uas-tag");

        Assert.Empty(response.Headers.GetValues(SipHeaderNames.RecordRoute));
    }
}
