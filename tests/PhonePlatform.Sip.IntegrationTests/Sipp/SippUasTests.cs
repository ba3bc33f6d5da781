using System.Globalization;
using System.Net;
using System.Text;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.IntegrationTests.Support;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.IntegrationTests.Sipp;

/// <summary>The stack as UAC calling sipp's built-in UAS scenario: INVITE, 180, 200, ACK, BYE, 200.</summary>
public sealed class SippUasTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private static async Task<(SipResponse Final, SipResponse? ByeResponse, List<int> Provisional)> CallAndHangUpAsync(SipStack stack, int sippPort)
    {
        var destination = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, sippPort));
        var invite = stack.CreateRequest(
            SipMethods.Invite,
            SipUri.Parse($"sip:service@127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}"),
            SipNameAddress.Parse("\"Stack\" <sip:caller@127.0.0.1>"),
            SipNameAddress.Parse("<sip:service@127.0.0.1>"));
        invite.Headers.Add(SipHeaderNames.Contact, new SipNameAddress(stack.CreateContactUri(SipTransportKind.Udp, "caller")).ToString());
        invite.ContentType = "application/sdp";
        invite.Body = Encoding.ASCII.GetBytes(Sdp);

        var provisional = new List<int>();
        var transaction = await stack.SendRequestAsync(invite, destination);
        transaction.ProvisionalResponse += r => provisional.Add(r.StatusCode);
        var final = await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(40));
        if (!final.IsSuccess)
        {
            return (final, null, provisional);
        }

        // RFC 3261 §13.2.2.4: the UAC core ACKs the 2xx, then ends the call with BYE inside the dialog.
        var dialog = SipDialog.CreateAsUac(transaction.Request, final, destination);
        await stack.SendAckAsync(dialog.CreateAck(final), dialog.NextHop());
        var bye = await stack.SendRequestAsync(dialog.CreateRequest(SipMethods.Bye), dialog.NextHop());
        return (final, await bye.FinalResponse.WaitAsync(TimeSpan.FromSeconds(40)), provisional);
    }

    [Fact]
    public async Task Invite_ToSippUas_EstablishesCallAndHangsUp()
    {
        await using var stack = await LoopbackStack.StartAsync(new TestUserAgent());
        var sippPort = SippRunner.FreePort();
        var sipp = SippRunner.RunAsync(["-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-m", "1"], TimeSpan.FromSeconds(30));

        var (final, byeResponse, provisional) = await CallAndHangUpAsync(stack.Stack, sippPort);
        var result = await sipp;

        Assert.Equal(200, final.StatusCode);
        Assert.Contains(180, provisional);
        Assert.Equal(200, byeResponse?.StatusCode);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Invite_ToSippUasLosingPackets_CompletesThroughRetransmissions()
    {
        await using var stack = await LoopbackStack.StartAsync(new TestUserAgent());
        var sippPort = SippRunner.FreePort();

        // sipp drops 15% of the packets it handles: INVITE, ACK (200 retransmitted, ACK re-sent from the ACK cache) and
        // BYE are recovered by RFC 3261 retransmission.
        var sipp = SippRunner.RunAsync(["-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-m", "1", "-lost", "15"], TimeSpan.FromSeconds(60));

        var (final, byeResponse, _) = await CallAndHangUpAsync(stack.Stack, sippPort);
        var result = await sipp;

        Assert.Equal(200, final.StatusCode);
        Assert.Equal(200, byeResponse?.StatusCode);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
