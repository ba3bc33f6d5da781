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
        OnInboundInviteAsync(transaction, new InboundOrigin(trunk.Name, Guid.CreateVersion7(), FromPeer: false, trunkRouter.OwnerOf(trunk)));

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

        if (origin.TrunkWorkspace is { } owner && owner != route.WorkspaceId)
        {
            // A workspace's own trunk reaches only that workspace's numbers.
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

        // The entry node applies the number's settings; a node the call was passed on to only rings its own devices.
        (route, var policy) = origin.FromPeer
            ? (route, NumberCallPolicy.Default)
            : await ApplyCallSettingsAsync(route, transaction.CancellationToken).ConfigureAwait(false);
        if (!policy.WithinBusinessHours)
        {
            // Outside the number's business hours nobody rings: straight to voicemail.
            await AnswerIntoVoicemailAsync(transaction, route, offer!, info).ConfigureAwait(false);
            return;
        }

        if (policy.Menu.Count > 0)
        {
            await AnswerIntoMenuAsync(transaction, route, offer!, info, policy.Menu).ConfigureAwait(false);
            return;
        }

        var bindings = await FindBindingsAsync(route.MemberAddressesOfRecord, transaction.CancellationToken).ConfigureAwait(false);
        var targets = RingTargets(bindings, origin.FromPeer);
        if (targets.Count > 0)
        {
            var callerName = await FindCallerNameAsync(route, callerNumber, transaction.CancellationToken).ConfigureAwait(false);
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
        var forks = await SendForksAsync(targets, transaction.Request, info, callerNumber, callerName).ConfigureAwait(false);
        if (await RingForksAsync(forks, ringTimeout, transaction.CancellationToken).ConfigureAwait(false) is not var (winner, answer))
        {
            return transaction.CancellationToken.IsCancellationRequested ? RingOutcome.CallerCancelled : RingOutcome.NoAnswer;
        }

        return await ConnectAnsweredDeviceAsync(transaction, trunkOffer, info, winner, answer).ConfigureAwait(false)
            ? RingOutcome.Answered
            : RingOutcome.NoAnswer;
    }

    private async Task<List<SipBinding>> FindBindingsAsync(IEnumerable<string> addressesOfRecord, CancellationToken cancellationToken)
    {
        var bindings = new List<SipBinding>();
        foreach (var aor in addressesOfRecord)
        {
            bindings.AddRange(await locations.GetBindingsAsync(aor, cancellationToken).ConfigureAwait(false));
        }

        return bindings;
    }

    private async Task<string?> FindCallerNameAsync(NumberRoute route, string? callerNumber, CancellationToken cancellationToken) =>
        callerNumber is null ? null : await numbers.FindCallerNameAsync(route.WorkspaceId, callerNumber, cancellationToken).ConfigureAwait(false);

    /// <summary>One INVITE per target: the devices this node holds, and other nodes (which need the carrier's INVITE).</summary>
    private async Task<List<Fork>> SendForksAsync(List<RingTarget> targets, SipRequest? carrierInvite, CallEvent info, string? callerNumber, string? callerName)
    {
        var forks = new List<Fork>(targets.Count);
        foreach (var target in targets)
        {
            if (target.Binding is { } binding)
            {
                forks.Add(await SendForkAsync(binding, callerNumber, callerName).ConfigureAwait(false));
            }
            else if (carrierInvite is not null)
            {
                forks.Add(await SendPeerForkAsync(target.Peer!.Value, carrierInvite, info).ConfigureAwait(false));
            }
        }

        return forks;
    }

    /// <summary>
    /// Waits for the first branch to answer, <paramref name="ringTimeout"/> to pass or the caller to go; cancels the
    /// other branches and returns the answering one with its 2xx (not yet acknowledged), or null.
    /// </summary>
    private async Task<(Fork Winner, SipResponse Answer)?> RingForksAsync(List<Fork> forks, TimeSpan ringTimeout, CancellationToken callerGone)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerGone);
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
            return null;
        }

        if (callerGone.IsCancellationRequested)
        {
            // The caller gave up while a device answered: confirm and hang up that device.
            var orphan = SipDialog.CreateAsUac(winner.Invite, answer, winner.Target);
            await sipStack.SendAckAsync(orphan.CreateAck(answer), orphan.NextHop()).ConfigureAwait(false);
            await ByeAsync(orphan).ConfigureAwait(false);
            return null;
        }

        return (winner, answer);
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

        var trunkCreated = await mediaLegs.CreateForOfferAsync(trunkOffer, null, CancellationToken.None).ConfigureAwait(false);
        if (trunkCreated.Leg is not { } trunkMedia || await AcknowledgeDeviceAsync(winner, answer, trunkMedia) is not { } deviceLeg)
        {
            // The device's offer is unusable (it was hung up); the caller goes to voicemail.
            if (trunkCreated.Leg is { } unused)
            {
                await unused.DisposeAsync().ConfigureAwait(false);
            }

            return false;
        }

        var trunkLeg = new CallLeg(CallLegKind.Trunk, SipDialog.CreateAsUas(transaction, confirmed: true), trunkMedia);
        var call = new ActiveCall(info with { MemberAddressOfRecord = winner.AddressOfRecord }, trunkLeg)
        {
            Second = deviceLeg,
            Bridge = MediaBridge.Connect(trunkMedia, deviceLeg.Media),
            AnsweredAt = Now,
        };
        Track(call);
        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, trunkMedia.LocalDescription)).ConfigureAwait(false);
        Notify(o => o.OnAnswered(call.Info with { At = call.AnsweredAt!.Value }));
        return true;
    }

    /// <summary>
    /// The device offered in its 2xx (RFC 3261 §13.2.1): answer in the ACK with the codec the trunk leg agreed, or, when
    /// its offer is unusable, ACK and BYE it. Returns the device's leg, or null.
    /// </summary>
    private async Task<CallLeg?> AcknowledgeDeviceAsync(Fork winner, SipResponse answer, MediaLeg trunkMedia)
    {
        var deviceDialog = SipDialog.CreateAsUac(winner.Invite, answer, winner.Target);
        MediaLegResult? deviceCreated = null;
        if (trunkMedia.Negotiation is { } trunkAgreed
            && SdpParser.TryParse(Encoding.UTF8.GetString(answer.Body.Span), out var deviceOffer, out _) && mediaLegs.CanAnswer(deviceOffer!))
        {
            deviceCreated = await mediaLegs.CreateForOfferAsync(deviceOffer!, [trunkAgreed.Codec], CancellationToken.None).ConfigureAwait(false);
        }

        var ack = deviceDialog.CreateAck(answer);
        if (deviceCreated?.Leg is not { } deviceMedia)
        {
            await sipStack.SendAckAsync(ack, deviceDialog.NextHop()).ConfigureAwait(false);
            await ByeAsync(deviceDialog).ConfigureAwait(false);
            return null;
        }

        ack.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ack.Body = Encoding.UTF8.GetBytes(deviceMedia.LocalDescription.ToString());
        await sipStack.SendAckAsync(ack, deviceDialog.NextHop()).ConfigureAwait(false);
        return new CallLeg(CallLegKind.Device, deviceDialog, deviceMedia);
    }

    private async Task AnswerIntoVoicemailAsync(SipServerTransaction transaction, NumberRoute route, SdpSession offer, CallEvent info)
    {
        if (await AnswerAsApplicationAsync(transaction, offer, info).ConfigureAwait(false) is { } call)
        {
            running[call.Id] = RunVoicemailAsync(call, route);
        }
    }

    /// <summary>The gateway itself answers the trunk (voicemail, menu): 200 with our SDP; the call is tracked with one leg.</summary>
    private async Task<ActiveCall?> AnswerAsApplicationAsync(SipServerTransaction transaction, SdpSession offer, CallEvent info)
    {
        var created = await mediaLegs.CreateForOfferAsync(offer, null, transaction.CancellationToken).ConfigureAwait(false);
        if (created.Leg is not { } leg)
        {
            await RejectAsync(transaction, info, 488).ConfigureAwait(false);
            return null;
        }

        var dialog = SipDialog.CreateAsUas(transaction, confirmed: true);
        var call = new ActiveCall(info, new CallLeg(CallLegKind.Trunk, dialog, leg)) { AnsweredAt = Now };
        calls[dialog.CallId] = call;
        WireDigits(call, call.First);
        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, leg.LocalDescription)).ConfigureAwait(false);
        Notify(o => o.OnAnswered(info with { At = call.AnsweredAt.Value }));
        return call;
    }

    private async Task RunVoicemailAsync(ActiveCall call, NumberRoute route)
    {
        try
        {
            var leg = call.First;
            var message = await voicemail.RecordAsync(route.WorkspaceId, route.Number, call.Info.RemoteNumber, leg.Media, route.Greeting, call.HangupToken)
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
            await ReleaseApplicationCallAsync(call).ConfigureAwait(false);
        }
    }

    /// <summary>Frees a call the gateway answered itself and never bridged.</summary>
    private async Task ReleaseApplicationCallAsync(ActiveCall call)
    {
        calls.TryRemove(call.First.Dialog.CallId, out _);
        await call.First.Media.DisposeAsync().ConfigureAwait(false);
        call.Dispose();
        running.TryRemove(call.Id, out _);
    }

    /// <summary>One branch of the fork: the INVITE sent to one registered device (at its flow), or to another node.</summary>
    private sealed record Fork(SipEndPoint Target, string? AddressOfRecord, SipRequest Invite, SipClientTransaction Client, bool ToPeer);
}
