using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>Outbound: a device dials an E.164 number; the gateway re-originates it on the best trunk, failing over.</summary>
public sealed partial class B2bua
{
    private async Task OnOutboundInviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var caller = await deviceDirectory.AuthorizeOutboundAsync(transaction, transaction.CancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            await transaction.RespondAsync(403).ConfigureAwait(false);
            return;
        }

        if (!E164.TryNormalize(request.RequestUri.User, out var destination))
        {
            await transaction.RespondAsync(404).ConfigureAwait(false);
            return;
        }

        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _) || !mediaLegs.CanAnswer(offer!))
        {
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        var created = await mediaLegs.CreateForOfferAsync(offer!, transaction.CancellationToken).ConfigureAwait(false);
        if (created.Leg is not { } deviceMedia)
        {
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        var lastStatus = 0;
        foreach (var trunk in trunkRouter.Candidates(destination))
        {
            if (transaction.CancellationToken.IsCancellationRequested)
            {
                // CANCEL from the device: the stack already answered 487.
                break;
            }

            var attempt = await TryTrunkAsync(trunk, destination, caller, transaction.CancellationToken).ConfigureAwait(false);
            if (attempt.Leg is { } trunkLeg)
            {
                await BridgeAsync(transaction, deviceMedia, trunkLeg).ConfigureAwait(false);
                return;
            }

            lastStatus = attempt.StatusCode;
            if (!TrunkRouter.ShouldFailOver(attempt.StatusCode))
            {
                break;
            }
        }

        await deviceMedia.DisposeAsync().ConfigureAwait(false);
        if (!transaction.CancellationToken.IsCancellationRequested)
        {
            // No trunk left: 503 when every one failed, otherwise the far end's final answer (busy, not found, ...).
            await transaction.RespondAsync(lastStatus is 0 || TrunkRouter.ShouldFailOver(lastStatus) ? 503 : lastStatus).ConfigureAwait(false);
        }
    }

    private async Task<(CallLeg? Leg, int StatusCode)> TryTrunkAsync(SipTrunk trunk, string destination, OutboundCaller caller, CancellationToken cancellationToken)
    {
        if (trunk.EndPoint is not { } next)
        {
            return (null, 0);
        }

        var media = await mediaLegs.CreateOfferAsync(cancellationToken).ConfigureAwait(false);
        var callerId = TrunkNumberFormatter.ToTrunk(caller.CallerIdNumber, trunk);
        var local = sipStack.CreateContactUri(trunk.Transport, callerId);
        var invite = sipStack.CreateRequest(
            SipMethods.Invite,
            new SipUri("sip", TrunkNumberFormatter.ToTrunk(destination, trunk), trunk.Host, trunk.Port),
            new SipNameAddress(local),
            new SipNameAddress(new SipUri("sip", TrunkNumberFormatter.ToTrunk(destination, trunk), trunk.Host, trunk.Port)));
        invite.Headers.Add(SipHeaderNames.Contact, $"<{local}>");
        invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(media.LocalDescription.ToString());

        // RFC 3325 §9.1: the workspace number the member may use is asserted as caller id.
        CallerIdentity.Assert(invite, trunk, new SipNameAddress(local));
        var client = await sipStack.SendRequestAsync(invite, next).ConfigureAwait(false);
        var final = await client.FinalResponse.ConfigureAwait(false);
        if (!final.IsSuccess)
        {
            await media.DisposeAsync().ConfigureAwait(false);
            return (null, final.StatusCode);
        }

        var dialog = SipDialog.CreateAsUac(invite, final, next);
        await sipStack.SendAckAsync(dialog.CreateAck(final), dialog.NextHop()).ConfigureAwait(false);
        if (!SdpParser.TryParse(Encoding.UTF8.GetString(final.Body.Span), out var answer, out _)
            || media is not IOfferingMediaLeg offering || !offering.TryApplyAnswer(answer!, out _))
        {
            // RFC 3261 §13.2.1: an unusable answer is ended with BYE after the ACK.
            await sipStack.SendRequestAsync(dialog.CreateRequest(SipMethods.Bye), dialog.NextHop()).ConfigureAwait(false);
            await media.DisposeAsync().ConfigureAwait(false);
            return (null, 488);
        }

        return (new CallLeg(CallLegKind.Trunk, dialog, media), final.StatusCode);
    }

    private async Task BridgeAsync(SipServerTransaction transaction, MediaLeg deviceMedia, CallLeg trunkLeg)
    {
        var response = transaction.CreateResponse(200);
        response.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(transaction.Transport.Kind)}>");
        response.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(deviceMedia.LocalDescription.ToString());
        var deviceLeg = new CallLeg(CallLegKind.Device, SipDialog.CreateAsUas(transaction, confirmed: true), deviceMedia);
        var call = new ActiveCall(Guid.CreateVersion7(), CallDirection.Outbound, deviceLeg) { Second = trunkLeg };

        // The relay: each leg's RTP goes out on the other (both legs agreed G.711; no transcoding here).
        deviceMedia.RtpReceived = (ReadOnlySpan<byte> packet, in PhonePlatform.Media.Rtp.RtpHeader _) => trunkLeg.Media.TrySendRtp(packet);
        trunkLeg.Media.RtpReceived = (ReadOnlySpan<byte> packet, in PhonePlatform.Media.Rtp.RtpHeader _) => deviceMedia.TrySendRtp(packet);
        calls[deviceLeg.Dialog.CallId] = call;
        calls[trunkLeg.Dialog.CallId] = call;
        await transaction.RespondAsync(response).ConfigureAwait(false);
        CallBridged?.Invoke(call.Id, trunkLeg.Dialog.RemoteTarget.Host);
    }

    /// <summary>Raised when an outbound call is connected through a trunk (call id, trunk host).</summary>
    public event Action<Guid, string>? CallBridged;

    private async Task HangUpBridgedAsync(ActiveCall call, CallLeg other)
    {
        // Whichever side's BYE removes the call first does the clean-up (both may hang up at once).
        var removed = calls.TryRemove(call.First.Dialog.CallId, out _);
        calls.TryRemove(call.Second!.Dialog.CallId, out _);
        if (!removed)
        {
            return;
        }

        call.First.Media.RtpReceived = null;
        call.Second.Media.RtpReceived = null;
        if (other.Dialog.State != SipDialogState.Terminated)
        {
            var request = other.Dialog.CreateRequest(SipMethods.Bye);
            other.Dialog.Terminate();
            var bye = await sipStack.SendRequestAsync(request, other.Dialog.NextHop()).ConfigureAwait(false);
            await bye.FinalResponse.ConfigureAwait(false);
        }

        await call.First.Media.DisposeAsync().ConfigureAwait(false);
        await call.Second.Media.DisposeAsync().ConfigureAwait(false);
        call.Dispose();
    }
}
