using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Calls across gateway nodes. The entry node (where the carrier's INVITE arrived) rings the devices whose flows it
/// holds itself and sends one INVITE per other node holding some, carrying the carrier's SDP offer unchanged: that node
/// rings only its own devices and answers the carrier's offer with its own media, so RTP flows between the carrier and
/// the node that answered while the entry node keeps only the signalling (a B2BUA without media for that call).
/// The entry node owns ringing, voicemail and cancellation; the answering node writes the answered call's record under
/// the same call id (header <see cref="CallIdHeader"/>).
/// </summary>
public sealed partial class B2bua
{
    /// <summary>The entry node's call id, so both nodes report one call.</summary>
    public const string CallIdHeader = "X-PhonePlatform-Call-Id";

    /// <summary>The carrier trunk the call entered through, for the answering node's record.</summary>
    public const string TrunkHeader = "X-PhonePlatform-Trunk";

    /// <summary>The other gateway nodes; null on a single node (every binding is then this node's).</summary>
    public IGatewayCluster? Cluster { get; init; }

    /// <summary>An INVITE from another node for devices this node holds: ring them only, never other nodes.</summary>
    private Task OnPeerInviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var callId = Guid.TryParse(request.Headers.Get(CallIdHeader), out var id) ? id : Guid.CreateVersion7();
        return OnInboundInviteAsync(transaction, new InboundOrigin(request.Headers.Get(TrunkHeader) ?? "cluster", callId, FromPeer: true));
    }

    /// <summary>
    /// The branches of an inbound call: each binding whose flow this node holds, plus one per other live node that
    /// holds some (a call from a peer rings local bindings only, so a call crosses at most one node boundary).
    /// </summary>
    private List<RingTarget> RingTargets(IEnumerable<SipBinding> bindings, bool fromPeer)
    {
        var targets = new List<RingTarget>();
        var peers = new HashSet<SipEndPoint>();
        foreach (var binding in bindings)
        {
            if (Cluster is not { } cluster || binding.NodeId is null || binding.NodeId == cluster.LocalNodeId)
            {
                targets.Add(new RingTarget(binding, null));
            }
            else if (!fromPeer && cluster.TryFindPeer(binding.NodeId, out var peer) && peers.Add(peer))
            {
                targets.Add(new RingTarget(null, peer));
            }
        }

        return targets;
    }

    private async Task<Fork> SendPeerForkAsync(SipEndPoint peer, SipRequest carrierInvite, CallEvent info)
    {
        var dialed = carrierInvite.RequestUri.User;
        var requestUri = SipUri.Parse($"sip:{dialed}@{peer.Address}");
        var from = carrierInvite.From!.Clone();
        from.Tag = null; // A new dialog toward the peer: its own From tag (RFC 3261 §8.1.1.3).
        var invite = sipStack.CreateRequest(SipMethods.Invite, requestUri, from, new SipNameAddress(requestUri.Clone()));
        invite.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(peer.Transport)}>");
        foreach (var identity in carrierInvite.Headers.GetValues(SipHeaderNames.PAssertedIdentity))
        {
            invite.Headers.Add(SipHeaderNames.PAssertedIdentity, identity);
        }

        invite.Headers.Add(CallIdHeader, info.CallId.ToString());
        invite.Headers.Add(TrunkHeader, info.Trunk ?? "unknown");
        invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        invite.Body = carrierInvite.Body;
        var client = await sipStack.SendRequestAsync(invite, peer).ConfigureAwait(false);
        return new Fork(peer, null, invite, client, ToPeer: true);
    }

    /// <summary>A device on another node answered: pass its node's SDP answer to the carrier and keep only the signalling.</summary>
    private async Task<bool> ConnectAnsweredPeerAsync(SipServerTransaction transaction, CallEvent info, Fork winner, SipResponse answer)
    {
        var peerDialog = SipDialog.CreateAsUac(winner.Invite, answer, winner.Target);
        await sipStack.SendAckAsync(peerDialog.CreateAck(answer), peerDialog.NextHop()).ConfigureAwait(false);
        if (!SdpParser.TryParse(Encoding.UTF8.GetString(answer.Body.Span), out var peerAnswer, out _))
        {
            await ByeAsync(peerDialog).ConfigureAwait(false);
            return false;
        }

        var trunkLeg = new CallLeg(CallLegKind.Trunk, SipDialog.CreateAsUas(transaction, confirmed: true), new OtherNodeMediaLeg(peerAnswer!));
        var call = new ActiveCall(info, trunkLeg)
        {
            Second = new CallLeg(CallLegKind.Device, peerDialog, new OtherNodeMediaLeg(peerAnswer!)),
            AnsweredAt = Now,
            RecordedElsewhere = true,
        };
        Track(call);
        var ok = transaction.CreateResponse(200);
        ok.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(transaction.Transport.Kind)}>");
        ok.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = answer.Body;
        await transaction.RespondAsync(ok).ConfigureAwait(false);
        return true;
    }

    /// <summary>Where an inbound INVITE came from: a carrier trunk, or another node passing a carrier's call on.</summary>
    private sealed record InboundOrigin(string Trunk, Guid CallId, bool FromPeer);

    /// <summary>One branch of an inbound call: a device this node holds (<see cref="Binding"/>) or another node.</summary>
    private sealed record RingTarget(SipBinding? Binding, SipEndPoint? Peer);
}
