using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Inbound: a carrier calls a workspace number. Every registered device of the members with access rings in parallel
/// (RFC 3261 §16.7-style forking done by the B2BUA); the first 2xx wins and the others are cancelled. Nobody
/// registered, nobody answering within the ring timeout, or everyone declining: voicemail.
/// </summary>
public sealed partial class B2bua
{
    private Task OnInboundInviteAsync(SipServerTransaction transaction, SipTrunk trunk) =>
        OnInboundInviteAsync(transaction, new InboundOrigin(trunk.Name, Guid.CreateVersion7(), FromPeer: false));

    private async Task OnInboundInviteAsync(SipServerTransaction transaction, InboundOrigin origin)
    {
        var request = transaction.Request;
        var callerNumber = CallerIdentity.Read(request) is { } asserted && E164.TryNormalize(asserted.Uri.User, out var e164) ? e164 : null;
        var info = new CallEvent(origin.CallId, CallDirection.Inbound, null, null, callerNumber, null, origin.Trunk, Now);
        if (!E164.TryNormalize(request.RequestUri.User, out var dialed)
            || await numbers.FindAsync(dialed, transaction.CancellationToken).ConfigureAwait(false) is not { } route)
        {
            await RejectAsync(transaction, info, 404).ConfigureAwait(false);
            return;
        }

        info = info with { WorkspaceId = route.WorkspaceId, WorkspaceNumber = route.Number };
        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _) || !mediaLegs.CanAnswer(offer!))
        {
            // RFC 3261 §13.3.1.1: an offer we cannot answer.
            await RejectAsync(transaction, info, 488).ConfigureAwait(false);
            return;
        }

        var bindings = new List<SipBinding>();
        foreach (var aor in route.MemberAddressesOfRecord)
        {
            bindings.AddRange(await locations.GetBindingsAsync(aor, transaction.CancellationToken).ConfigureAwait(false));
        }

        var targets = RingTargets(bindings, origin.FromPeer);
        if (targets.Count > 0)
        {
            var callerName = callerNumber is null
                ? null
                : await numbers.FindCallerNameAsync(route.WorkspaceId, callerNumber, transaction.CancellationToken).ConfigureAwait(false);
            await transaction.RespondAsync(180).ConfigureAwait(false);
            if (!origin.FromPeer)
            {
                Notify(o => o.OnRinging(info with { At = Now }));
            }

            var outcome = await RingDevicesAsync(transaction, offer!, info, targets, callerNumber, callerName, route.RingTimeout ?? Options.RingTimeout)
                .ConfigureAwait(false);
            if (outcome == RingOutcome.Answered || (outcome == RingOutcome.CallerCancelled && origin.FromPeer))
            {
                return;
            }

            if (outcome == RingOutcome.CallerCancelled)
            {
                Notify(o => o.OnEnded(new CallEnded(info with { At = Now }, CallEndReason.Cancelled, 487, null, [])));
                return;
            }
        }

        if (origin.FromPeer)
        {
            // RFC 3261 §21.4.18: nobody here answered; the entry node decides what comes next (voicemail).
            await transaction.RespondAsync(480, "Temporarily Unavailable").ConfigureAwait(false);
            return;
        }

        await AnswerIntoVoicemailAsync(transaction, route, offer!, info).ConfigureAwait(false);
    }

    private enum RingOutcome
    {
        Answered,
        NoAnswer,
        CallerCancelled,
    }

    private async Task<RingOutcome> RingDevicesAsync(
        SipServerTransaction transaction, SdpSession trunkOffer, CallEvent info, List<RingTarget> targets, string? callerNumber, string? callerName, TimeSpan ringTimeout)
    {
        var forks = new List<Fork>(targets.Count);
        foreach (var target in targets)
        {
            forks.Add(target.Binding is { } binding
                ? await SendForkAsync(binding, callerNumber, callerName).ConfigureAwait(false)
                : await SendPeerForkAsync(target.Peer!.Value, transaction.Request, info).ConfigureAwait(false));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(transaction.CancellationToken);
        timeout.CancelAfter(ringTimeout);
        var ended = Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        var pending = forks.ToList();
        Fork? winner = null;
        SipResponse? answer = null;
        while (pending.Count > 0 && winner is null)
        {
            var completed = await Task.WhenAny(pending.Select(f => (Task)f.Client.FinalResponse).Append(ended)).ConfigureAwait(false);
            if (completed == ended)
            {
                break;
            }

            var fork = pending.Find(f => f.Client.FinalResponse == completed)!;
            pending.Remove(fork);
            var final = await fork.Client.FinalResponse.ConfigureAwait(false);
            if (final.IsSuccess)
            {
                (winner, answer) = (fork, final);
            }
        }

        // RFC 3261 §16.7 step 10 (as a forking proxy would): cancel every branch that did not win.
        foreach (var fork in forks.Where(f => f != winner))
        {
            running[Guid.NewGuid()] = CancelForkAsync(fork);
        }

        if (winner is null || answer is null)
        {
            return transaction.CancellationToken.IsCancellationRequested ? RingOutcome.CallerCancelled : RingOutcome.NoAnswer;
        }

        if (transaction.CancellationToken.IsCancellationRequested)
        {
            // The carrier gave up while a device answered: confirm and hang up that device.
            var orphan = SipDialog.CreateAsUac(winner.Invite, answer, winner.Target);
            await sipStack.SendAckAsync(orphan.CreateAck(answer), orphan.NextHop()).ConfigureAwait(false);
            await ByeAsync(orphan).ConfigureAwait(false);
            return RingOutcome.CallerCancelled;
        }

        return await ConnectAnsweredDeviceAsync(transaction, trunkOffer, info, winner, answer).ConfigureAwait(false)
            ? RingOutcome.Answered
            : RingOutcome.NoAnswer;
    }

    /// <summary>
    /// Sends an INVITE without SDP (RFC 3261 §13.2.1 offer in the 2xx): the device, a browser, makes the offer and the
    /// gateway answers in the ACK, so the WebRTC leg keeps its one role (ICE-lite, DTLS server).
    /// </summary>
    private async Task<Fork> SendForkAsync(SipBinding binding, string? callerNumber, string? callerName)
    {
        var local = sipStack.CreateContactUri(binding.Flow.Transport);
        var from = sipStack.CreateContactUri(binding.Flow.Transport, callerNumber ?? "anonymous");
        from.Parameters.Remove("transport");
        var invite = sipStack.CreateRequest(
            SipMethods.Invite, binding.Contact.Uri.Clone(), new SipNameAddress(from, callerName), new SipNameAddress(SipUri.Parse(binding.AddressOfRecord)));
        invite.Headers.Add(SipHeaderNames.Contact, $"<{local}>");
        if (callerNumber is not null)
        {
            invite.Headers.Add(SipHeaderNames.PAssertedIdentity, new SipNameAddress(from.Clone(), callerName).ToString());
        }

        var client = await sipStack.SendRequestAsync(invite, binding.Flow).ConfigureAwait(false);
        return new Fork(binding.Flow, binding.AddressOfRecord, invite, client, ToPeer: false);
    }

    private async Task CancelForkAsync(Fork fork)
    {
        await CancelAsync(fork.Client, fork.Target).ConfigureAwait(false);
        var final = await fork.Client.FinalResponse.ConfigureAwait(false);
        if (final.IsSuccess)
        {
            // Answered at the same moment as the winner (RFC 3261 §15: ACK, then BYE).
            var dialog = SipDialog.CreateAsUac(fork.Invite, final, fork.Target);
            await sipStack.SendAckAsync(dialog.CreateAck(final), dialog.NextHop()).ConfigureAwait(false);
            await ByeAsync(dialog).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAnsweredDeviceAsync(SipServerTransaction transaction, SdpSession trunkOffer, CallEvent info, Fork winner, SipResponse answer)
    {
        if (winner.ToPeer)
        {
            return await ConnectAnsweredPeerAsync(transaction, info, winner, answer).ConfigureAwait(false);
        }

        var deviceDialog = SipDialog.CreateAsUac(winner.Invite, answer, winner.Target);
        var trunkCreated = await mediaLegs.CreateForOfferAsync(trunkOffer, null, CancellationToken.None).ConfigureAwait(false);
        MediaLegResult? deviceCreated = null;
        if (trunkCreated.Leg is { Negotiation: { } trunkAgreed }
            && SdpParser.TryParse(Encoding.UTF8.GetString(answer.Body.Span), out var deviceOffer, out _) && mediaLegs.CanAnswer(deviceOffer!))
        {
            deviceCreated = await mediaLegs.CreateForOfferAsync(deviceOffer!, [trunkAgreed.Codec], CancellationToken.None).ConfigureAwait(false);
        }

        var ack = deviceDialog.CreateAck(answer);
        if (deviceCreated?.Leg is not { } deviceMedia || trunkCreated.Leg is not { } trunkMedia)
        {
            // The device's offer is unusable: confirm and hang up that device; the caller goes to voicemail.
            await sipStack.SendAckAsync(ack, deviceDialog.NextHop()).ConfigureAwait(false);
            await ByeAsync(deviceDialog).ConfigureAwait(false);
            if (trunkCreated.Leg is { } unused)
            {
                await unused.DisposeAsync().ConfigureAwait(false);
            }

            return false;
        }

        ack.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ack.Body = Encoding.UTF8.GetBytes(deviceMedia.LocalDescription.ToString());
        await sipStack.SendAckAsync(ack, deviceDialog.NextHop()).ConfigureAwait(false);

        var trunkLeg = new CallLeg(CallLegKind.Trunk, SipDialog.CreateAsUas(transaction, confirmed: true), trunkMedia);
        var call = new ActiveCall(info with { MemberAddressOfRecord = winner.AddressOfRecord }, trunkLeg)
        {
            Second = new CallLeg(CallLegKind.Device, deviceDialog, deviceMedia),
            Bridge = MediaBridge.Connect(trunkMedia, deviceMedia),
            AnsweredAt = Now,
        };
        Track(call);
        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, trunkMedia.LocalDescription)).ConfigureAwait(false);
        Notify(o => o.OnAnswered(call.Info with { At = call.AnsweredAt!.Value }));
        return true;
    }

    private async Task AnswerIntoVoicemailAsync(SipServerTransaction transaction, NumberRoute route, SdpSession offer, CallEvent info)
    {
        var created = await mediaLegs.CreateForOfferAsync(offer, null, transaction.CancellationToken).ConfigureAwait(false);
        if (created.Leg is not { } leg)
        {
            await RejectAsync(transaction, info, 488).ConfigureAwait(false);
            return;
        }

        var dialog = SipDialog.CreateAsUas(transaction, confirmed: true);
        var call = new ActiveCall(info, new CallLeg(CallLegKind.Trunk, dialog, leg)) { AnsweredAt = Now };
        calls[dialog.CallId] = call;
        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, leg.LocalDescription)).ConfigureAwait(false);
        Notify(o => o.OnAnswered(info with { At = call.AnsweredAt.Value }));
        running[call.Id] = RunVoicemailAsync(call, route, info.RemoteNumber);
    }

    private async Task RunVoicemailAsync(ActiveCall call, NumberRoute route, string? caller)
    {
        try
        {
            var leg = call.First;
            var message = await voicemail.RecordAsync(route.WorkspaceId, route.Number, caller, leg.Media, route.Greeting, call.HangupToken)
                .ConfigureAwait(false);
            if (!call.RemoteHungUp)
            {
                // Max length reached: the gateway ends the call (RFC 3261 §15.1.1).
                await sipStack.SendRequestAsync(leg.Dialog.CreateRequest(SipMethods.Bye), leg.Dialog.NextHop()).ConfigureAwait(false);
            }

            if (message is not null)
            {
                VoicemailStored?.Invoke(message);
            }

            Notify(o => o.OnEnded(new CallEnded(call.Info with { At = Now }, CallEndReason.Voicemail, 200, call.AnsweredAt, call.Statistics())));
        }
        finally
        {
            calls.TryRemove(call.First.Dialog.CallId, out _);
            await call.First.Media.DisposeAsync().ConfigureAwait(false);
            call.Dispose();
            running.TryRemove(call.Id, out _);
        }
    }

    /// <summary>One branch of the fork: the INVITE sent to one registered device (at its flow), or to another node.</summary>
    private sealed record Fork(SipEndPoint Target, string? AddressOfRecord, SipRequest Invite, SipClientTransaction Client, bool ToPeer);
}
