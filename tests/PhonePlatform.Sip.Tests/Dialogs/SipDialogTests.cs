using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Tests.Support;

namespace PhonePlatform.Sip.Tests.Dialogs;

/// <summary>RFC 3261 §12 dialog state.</summary>
public sealed class SipDialogTests
{
    private static (SipRequest Invite, SipResponse Ok) InviteAndOk(string recordRoute)
    {
        var f = new StackFixture();
        var invite = f.NewInvite();
        invite.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKdlg");
        var ok = SipResponse.Create(invite, 200, null, "remote-tag");
        foreach (var route in recordRoute.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            ok.Headers.Add(SipHeaderNames.RecordRoute, route);
        }

        ok.Headers.Add(SipHeaderNames.Contact, "<sip:peer@192.0.2.20:5080>");
        return (invite, ok);
    }

    [Fact]
    public void CreateAsUac_ReversesRecordRouteAndUsesContactAsTarget()
    {
        var (invite, ok) = InviteAndOk("<sip:p1.example.com;lr>|<sip:p2.example.com;lr>");

        var dialog = SipDialog.CreateAsUac(invite, ok, new RecordingTransport().PeerEndPoint);

        Assert.Equal(["p2.example.com", "p1.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal("192.0.2.20", dialog.RemoteTarget.Host);
        Assert.Equal("remote-tag", dialog.RemoteTag);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
    }

    [Fact]
    public void CreateRequest_LooseRouting_IncrementsCSeqAndAddsRoutes()
    {
        var (invite, ok) = InviteAndOk("<sip:p1.example.com;lr>");
        var dialog = SipDialog.CreateAsUac(invite, ok, new RecordingTransport().PeerEndPoint);

        var bye = dialog.CreateRequest(SipMethods.Bye);
        var ack = dialog.CreateAck(ok);

        Assert.Equal("sip:peer@192.0.2.20:5080", bye.RequestUriText);
        Assert.Equal("<sip:p1.example.com;lr>", bye.Headers.Get(SipHeaderNames.Route));
        Assert.Equal(invite.CSeq!.Value.Number + 1, bye.CSeq!.Value.Number);
        Assert.Equal(invite.CSeq!.Value.Number, ack.CSeq!.Value.Number);
        Assert.Equal("remote-tag", bye.To!.Tag);
        Assert.Equal(invite.From!.Tag, bye.From!.Tag);
    }

    [Fact]
    public void CreateRequest_StrictRouter_PutsRouteInRequestUriAndTargetLast()
    {
        var (invite, ok) = InviteAndOk("<sip:strict.example.com>");
        var dialog = SipDialog.CreateAsUac(invite, ok, new RecordingTransport().PeerEndPoint);

        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal("sip:strict.example.com", bye.RequestUriText);
        Assert.Equal("<sip:peer@192.0.2.20:5080>", bye.Headers.Get(SipHeaderNames.Route));
    }

    [Fact]
    public void OnRemoteRequest_LowerCSeqIsRejectedAndReInviteRefreshesTarget()
    {
        var (invite, ok) = InviteAndOk("");
        var dialog = SipDialog.CreateAsUac(invite, ok, new RecordingTransport().PeerEndPoint);
        SipRequest Remote(string method, uint cseq, string contact)
        {
            var request = new SipRequest(method, SipUri.Parse("sip:us@127.0.0.1"));
            request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(cseq, method).ToString());
            request.Headers.Add(SipHeaderNames.Contact, contact);
            request.Headers.Add(SipHeaderNames.SessionExpires, "90;refresher=uac");
            return request;
        }

        Assert.Null(dialog.OnRemoteRequest(Remote(SipMethods.Invite, 10, "<sip:peer@192.0.2.30>")));
        Assert.Equal("192.0.2.30", dialog.RemoteTarget.Host);
        Assert.Equal(TimeSpan.FromSeconds(90), dialog.SessionExpires);
        Assert.Equal("uac", dialog.Refresher);
        Assert.Equal(500, dialog.OnRemoteRequest(Remote(SipMethods.Update, 9, "<sip:peer@192.0.2.40>")));
        Assert.Null(dialog.OnRemoteRequest(Remote(SipMethods.Bye, 11, "<sip:peer@192.0.2.40>")));
        Assert.Equal(SipDialogState.Terminated, dialog.State);
    }

    [Fact]
    public void NextHop_ConnectionFlowIsAlwaysReused()
    {
        var (invite, ok) = InviteAndOk("");
        var flow = new RecordingTransport(PhonePlatform.Sip.Transports.SipTransportKind.WebSocket).PeerEndPoint;
        ok.Headers.Set(SipHeaderNames.Contact, "<sip:x@abc.invalid;transport=ws>");

        var dialog = SipDialog.CreateAsUac(invite, ok, flow);

        Assert.Equal(flow, dialog.NextHop());
    }
}
