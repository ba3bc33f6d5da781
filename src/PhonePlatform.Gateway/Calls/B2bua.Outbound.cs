using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>Outbound: a device dials an E.164 number; the gateway re-originates it on the best trunk, failing over.</summary>
public sealed partial class B2bua
{
    private async Task OnOutboundInviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var caller = await deviceDirectory.AuthorizeOutboundAsync(transaction, transaction.CancellationToken).ConfigureAwait(false);
        E164.TryNormalize(request.RequestUri.User, out var destination);
        var info = new CallEvent(Guid.CreateVersion7(), CallDirection.Outbound, caller?.WorkspaceId, caller?.CallerIdNumber,
            string.IsNullOrEmpty(destination) ? null : destination, caller?.MemberAddressOfRecord, null, Now);
        if (caller is null)
        {
            await RejectAsync(transaction, info, 403).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(destination))
        {
            await RejectAsync(transaction, info, 404).ConfigureAwait(false);
            return;
        }

        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _) || !mediaLegs.CanAnswer(offer!))
        {
            await RejectAsync(transaction, info, 488).ConfigureAwait(false);
            return;
        }

        var setup = new OutboundSetup(transaction, offer!, info);
        var lastStatus = 0;
        foreach (var trunk in trunkRouter.Candidates(caller.WorkspaceId, destination))
        {
            if (transaction.CancellationToken.IsCancellationRequested)
            {
                break;
            }

            var status = await TryTrunkAsync(setup, trunk, destination, caller).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                return;
            }

            lastStatus = status;
            if (!TrunkRouter.ShouldFailOver(status))
            {
                break;
            }
        }

        if (setup.DeviceMedia is { } unused)
        {
            await unused.DisposeAsync().ConfigureAwait(false);
        }

        if (transaction.CancellationToken.IsCancellationRequested)
        {
            // CANCEL from the device: the stack already answered 487.
            Notify(o => o.OnEnded(new CallEnded(setup.Info with { At = Now }, CallEndReason.Cancelled, 487, null, [])));
            return;
        }

        // No trunk left: 503 when every one failed, otherwise the far end's final answer (busy, not found, ...).
        var final = lastStatus is 0 || TrunkRouter.ShouldFailOver(lastStatus) ? 503 : lastStatus;
        await transaction.RespondAsync(final).ConfigureAwait(false);
        var reason = final is 486 or 600 or 603 ? CallEndReason.Busy : final == 503 ? CallEndReason.Failed : CallEndReason.Rejected;
        Notify(o => o.OnEnded(new CallEnded(setup.Info with { At = Now }, reason, final, null, [])));
    }

    private async Task RejectAsync(SipServerTransaction transaction, CallEvent info, int status)
    {
        await transaction.RespondAsync(status).ConfigureAwait(false);
        Notify(o => o.OnEnded(new CallEnded(info with { At = Now }, CallEndReason.Rejected, status, null, [])));
    }

    /// <summary>One trunk attempt; returns the trunk's final status (2xx: the call is bridged and tracked).</summary>
    private async Task<int> TryTrunkAsync(OutboundSetup setup, SipTrunk trunk, string destination, OutboundCaller caller)
    {
        if (trunk.EndPoint is not { } next)
        {
            return 0;
        }

        setup.Info = setup.Info with { Trunk = trunk.Name };
        // Once the device has an answer (early media of an earlier trunk), later trunks must agree its codec.
        var codecs = setup.DeviceMedia?.Negotiation is { } agreed ? new[] { agreed.Codec } : null;
        var trunkMedia = await mediaLegs.CreateOfferAsync(codecs, CancellationToken.None).ConfigureAwait(false);
        var callerId = TrunkNumberFormatter.ToTrunk(caller.CallerIdNumber, trunk);
        var local = sipStack.CreateContactUri(trunk.Transport, callerId);
        var target = new SipUri("sip", TrunkNumberFormatter.ToTrunk(destination, trunk), trunk.Host, trunk.Port);
        var invite = sipStack.CreateRequest(SipMethods.Invite, target, new SipNameAddress(local), new SipNameAddress(target.Clone()));
        invite.Headers.Add(SipHeaderNames.Contact, $"<{local}>");
        invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(trunkMedia.LocalDescription.ToString());

        // RFC 3325 §9.1: the workspace number the member may use is asserted as caller id.
        CallerIdentity.Assert(invite, trunk, new SipNameAddress(local));
        var attempt = trunkRouter.Statistics.Begin(trunk);
        var final = await InviteTrunkAsync(setup, trunkMedia, invite, next, attempt).ConfigureAwait(false);
        if (final?.StatusCode is 401 or 407 && trunk.Username is { } username && trunk.Password is { } password
            && SipDigestClient.Authorize(invite, final, username, password) is { } authorized)
        {
            // RFC 3261 §22.2: the carrier challenged; the same INVITE once more with credentials.
            invite = authorized;
            final = await InviteTrunkAsync(setup, trunkMedia, invite, next, attempt).ConfigureAwait(false);
        }

        attempt.Complete(final?.StatusCode ?? 408);
        if (final is null || !final.IsSuccess)
        {
            setup.Bridge?.Dispose();
            setup.Bridge = null;
            await trunkMedia.DisposeAsync().ConfigureAwait(false);
            return final?.StatusCode ?? 408;
        }

        var dialog = SipDialog.CreateAsUac(invite, final, next);
        await sipStack.SendAckAsync(dialog.CreateAck(final), dialog.NextHop()).ConfigureAwait(false);
        var trunkLeg = new CallLeg(CallLegKind.Trunk, dialog, trunkMedia);
        if (setup.Transaction.CancellationToken.IsCancellationRequested
            || !ApplyTrunkAnswer(trunkMedia, final)
            || await EnsureDeviceMediaAsync(setup, trunkMedia).ConfigureAwait(false) is not { } deviceMedia)
        {
            // RFC 3261 §13.2.1: an unusable answer (or a caller who already gave up) is ended with BYE after the ACK.
            await ByeAsync(dialog).ConfigureAwait(false);
            setup.Bridge?.Dispose();
            await trunkMedia.DisposeAsync().ConfigureAwait(false);
            return setup.Transaction.CancellationToken.IsCancellationRequested ? 487 : 488;
        }

        await BridgeAsync(setup, deviceMedia, trunkLeg).ConfigureAwait(false);
        return final.StatusCode;
    }

    /// <summary>
    /// Sends one INVITE toward the trunk and waits for its final response, passing ringing and early media to the device.
    /// Null when the trunk sent nothing at all within <see cref="B2buaOptions.TrunkSetupTimeout"/>: the call moves on.
    /// </summary>
    private async Task<SipResponse?> InviteTrunkAsync(OutboundSetup setup, MediaLeg trunkMedia, SipRequest invite, SipEndPoint next, TrunkAttempt attempt)
    {
        var client = await sipStack.SendRequestAsync(invite, next).ConfigureAwait(false);
        var early = Task.CompletedTask;
        var gate = new object();
        client.ProvisionalResponse += response =>
        {
            if (response.StatusCode > 100)
            {
                attempt.Progressed();
            }

            lock (gate)
            {
                early = early.ContinueWith(_ => OnTrunkProvisionalAsync(setup, trunkMedia, response), TaskScheduler.Default).Unwrap();
            }
        };

        // CANCEL from the device while the trunk rings: cancel the trunk's INVITE too (RFC 3261 §9.1).
        using var cancelTrunk = setup.Transaction.CancellationToken.Register(() => _ = CancelAsync(client, next));
        if (!await RespondsInTimeAsync(client).ConfigureAwait(false))
        {
            _ = ReleaseLateAnswerAsync(client, invite, next);
            return null;
        }

        var final = await client.FinalResponse.ConfigureAwait(false);
        Task pending;
        lock (gate)
        {
            pending = early;
        }

        await pending.ConfigureAwait(false);
        return final;
    }

    private async Task<bool> RespondsInTimeAsync(SipClientTransaction client)
    {
        using var stop = new CancellationTokenSource();
        var timeout = Task.Delay(Options.TrunkSetupTimeout, sipStack.TimeProvider, stop.Token);
        var first = await Task.WhenAny(client.WhenCancellableAsync(), client.FinalResponse, timeout).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        return first != timeout;
    }

    /// <summary>
    /// A trunk given up on before any response cannot be cancelled (RFC 3261 §9.1: CANCEL needs a provisional response);
    /// its transaction runs out on Timer B, and should it still answer 2xx, that call is acknowledged and ended at once.
    /// </summary>
    private async Task ReleaseLateAnswerAsync(SipClientTransaction client, SipRequest invite, SipEndPoint next)
    {
        var late = await client.FinalResponse.ConfigureAwait(false);
        if (late.IsSuccess)
        {
            var dialog = SipDialog.CreateAsUac(invite, late, next);
            await sipStack.SendAckAsync(dialog.CreateAck(late), dialog.NextHop()).ConfigureAwait(false);
            await ByeAsync(dialog).ConfigureAwait(false);
        }
    }

    private async Task OnTrunkProvisionalAsync(OutboundSetup setup, MediaLeg trunkMedia, SipResponse response)
    {
        if (response.StatusCode == 100 || setup.Transaction.CancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (!setup.RingingReported)
        {
            setup.RingingReported = true;
            Notify(o => o.OnRinging(setup.Info with { At = Now }));
        }

        // Early media (RFC 3960 §3.1): a 183 with SDP from the trunk is answered toward the device with the same SDP it gets in the 200.
        if (!response.Body.IsEmpty && ApplyTrunkAnswer(trunkMedia, response)
            && await EnsureDeviceMediaAsync(setup, trunkMedia).ConfigureAwait(false) is { } deviceMedia)
        {
            setup.Bridge ??= MediaBridge.Connect(deviceMedia, trunkMedia);
            await setup.Transaction.RespondAsync(WithSdp(setup.Transaction.CreateResponse(183), setup.Transaction, deviceMedia.LocalDescription))
                .ConfigureAwait(false);
            return;
        }

        if (setup.DeviceMedia is null)
        {
            await setup.Transaction.RespondAsync(180).ConfigureAwait(false);
        }
    }

    private static bool ApplyTrunkAnswer(MediaLeg trunkMedia, SipResponse response) =>
        SdpParser.TryParse(Encoding.UTF8.GetString(response.Body.Span), out var answer, out _)
        && trunkMedia is IOfferingMediaLeg offering && offering.TryApplyAnswer(answer!, out _);

    /// <summary>Answers the device's offer with the codec the trunk chose, so the relay needs no transcoding.</summary>
    private async Task<MediaLeg?> EnsureDeviceMediaAsync(OutboundSetup setup, MediaLeg trunkMedia)
    {
        if (setup.DeviceMedia is not null)
        {
            return setup.DeviceMedia;
        }

        var codecs = trunkMedia.Negotiation is { } trunk ? new[] { trunk.Codec } : null;
        var created = await mediaLegs.CreateForOfferAsync(setup.Offer, codecs, CancellationToken.None).ConfigureAwait(false);
        setup.DeviceMedia = created.Leg;
        return created.Leg;
    }

    private async Task BridgeAsync(OutboundSetup setup, MediaLeg deviceMedia, CallLeg trunkLeg)
    {
        var transaction = setup.Transaction;
        var deviceLeg = new CallLeg(CallLegKind.Device, SipDialog.CreateAsUas(transaction, confirmed: true), deviceMedia);
        var call = new ActiveCall(setup.Info, deviceLeg)
        {
            Second = trunkLeg,
            Bridge = setup.Bridge ?? MediaBridge.Connect(deviceMedia, trunkLeg.Media),
            AnsweredAt = Now,
        };
        Track(call);
        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, deviceMedia.LocalDescription)).ConfigureAwait(false);
        CallBridged?.Invoke(call.Id, trunkLeg.Dialog.RemoteTarget.Host);
        Notify(o => o.OnAnswered(call.Info with { At = call.AnsweredAt!.Value }));
    }

    private async Task CancelAsync(SipClientTransaction client, SipEndPoint next)
    {
        // RFC 3261 §9.1: CANCEL only after a provisional response; a final response makes it moot.
        var provisional = client.WhenCancellableAsync();
        if (await Task.WhenAny(provisional, client.FinalResponse, Task.Delay(Options.CancelWait, sipStack.TimeProvider)).ConfigureAwait(false) == provisional
            && !client.FinalResponse.IsCompleted)
        {
            await sipStack.SendRequestAsync(client.CreateCancel(), next).ConfigureAwait(false);
        }
    }

    private async Task ByeAsync(SipDialog dialog)
    {
        dialog.Terminate();
        var bye = await sipStack.SendRequestAsync(dialog.CreateRequest(SipMethods.Bye), dialog.NextHop()).ConfigureAwait(false);
        await bye.FinalResponse.ConfigureAwait(false);
    }

    /// <summary>Raised when an outbound call is connected through a trunk (call id, trunk host).</summary>
    public event Action<Guid, string>? CallBridged;

    /// <summary>The device side of an outbound call while trunks are tried.</summary>
    private sealed class OutboundSetup(SipServerTransaction transaction, SdpSession offer, CallEvent info)
    {
        public SipServerTransaction Transaction { get; } = transaction;

        public SdpSession Offer { get; } = offer;

        public CallEvent Info { get; set; } = info;

        /// <summary>The device's answered leg once a trunk chose a codec (early media or answer).</summary>
        public MediaLeg? DeviceMedia { get; set; }

        /// <summary>The relay, started with early media.</summary>
        public MediaBridge? Bridge { get; set; }

        public bool RingingReported { get; set; }
    }
}
