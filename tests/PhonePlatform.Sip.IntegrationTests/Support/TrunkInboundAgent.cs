using System.Collections.Concurrent;
using System.Text;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Sip.IntegrationTests.Support;

/// <summary>
/// A TU answering calls from carrier trunks: INVITEs are accepted only from a trunk's allowed addresses (others get
/// 403), answered 180 then 200 with SDP; BYE inside the dialog is answered 200.
/// </summary>
public sealed class TrunkInboundAgent(SipTrunkDirectory trunks) : ISipRequestHandler
{
    private const string Sdp = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly ConcurrentDictionary<string, SipDialog> dialogs = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Events { get; } = new();

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        switch (request.Method)
        {
            case SipMethods.Invite:
                var trunk = trunks.FindBySource(transaction.Source.Address.Address);
                if (trunk is null)
                {
                    Events.Enqueue("rejected");
                    await transaction.RespondAsync(403);
                    return;
                }

                Events.Enqueue("invite from " + trunk.Name + " caller " + CallerIdentity.Read(request)?.Uri.User);
                await transaction.RespondAsync(180);
                var dialog = SipDialog.CreateAsUas(transaction, confirmed: true);
                dialogs[dialog.Id] = dialog;
                var ok = transaction.CreateResponse(200);
                ok.Headers.Add(SipHeaderNames.Contact, "<sip:gateway@127.0.0.1>");
                ok.ContentType = "application/sdp";
                ok.Body = Encoding.ASCII.GetBytes(Sdp);
                await transaction.RespondAsync(ok);
                break;
            case SipMethods.Bye:
                var match = dialogs.Values.FirstOrDefault(d => d.Matches(request));
                if (match is null || match.OnRemoteRequest(request) is not null)
                {
                    await transaction.RespondAsync(481);
                    return;
                }

                dialogs.TryRemove(match.Id, out _);
                Events.Enqueue("bye");
                await transaction.RespondAsync(200);
                break;
            default:
                await transaction.RespondAsync(501);
                break;
        }
    }

    public ValueTask OnAckAsync(SipRequest ack, PhonePlatform.Sip.Transports.SipEndPoint source)
    {
        Events.Enqueue("ack");
        return ValueTask.CompletedTask;
    }
}
