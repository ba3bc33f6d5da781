using System.Collections.Concurrent;
using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Voicemail;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// The back-to-back user agent (RFC 3261 §6 "B2BUA"): every call ends in the gateway on one side and is
/// re-originated on the other, with media relayed or terminated here. This is the stack's transaction user.
/// </summary>
public sealed partial class B2bua(
    SipStack stack,
    SipTrunkDirectory trunks,
    INumberDirectory numbers,
    ILocationService locations,
    IMediaLegFactory media,
    VoicemailRecorder voicemail,
    TrunkRouter router,
    IDeviceDirectory devices) : ISipRequestHandler
{
    private readonly SipStack sipStack = stack;
    private readonly IMediaLegFactory mediaLegs = media;
    private readonly TrunkRouter trunkRouter = router;
    private readonly IDeviceDirectory deviceDirectory = devices;
    private readonly ConcurrentDictionary<string, ActiveCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Task> running = new();

    /// <summary>Calls in progress (each bridged call counts once per leg).</summary>
    public int ActiveCallCount => calls.Count;

    /// <summary>Receives ringing/answered/ended for call records and webhooks.</summary>
    public ICallObserver Observer { get; init; } = NoCallObserver.Instance;

    public B2buaOptions Options { get; init; } = new();

    /// <summary>Raised when a voicemail was stored (after the caller hung up).</summary>
    public event Action<VoicemailMessage>? VoicemailStored;

    /// <summary>RFC 4733 digits (and SIP INFO dtmf-relay from browsers) received on a call: call id, digit.</summary>
    public event Action<Guid, char>? DtmfReceived;

    private DateTimeOffset Now => sipStack.TimeProvider.GetUtcNow();

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = transaction.Request;
        switch (request.Method)
        {
            case SipMethods.Invite when request.To?.Tag is null:
                await OnNewCallAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Invite:
                await OnReinviteAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Bye:
                await OnByeAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Refer:
                await OnReferAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Update or SipMethods.Info:
                await OnInDialogRequestAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Options:
                await OnOptionsAsync(transaction).ConfigureAwait(false);
                break;
            default:
                // RFC 3261 §8.2.1: a method we do not implement.
                await transaction.RespondAsync(501).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Carriers (by their allowed source addresses, never over WebSocket) and the other gateway nodes.</summary>
    public bool IsTrustedPeer(SipEndPoint source) =>
        Cluster?.IsPeer(source) == true
        || (source.Transport is not (SipTransportKind.WebSocket or SipTransportKind.SecureWebSocket) && trunks.FindBySource(source.Address.Address) is not null);

    /// <summary>Waits for every call's background work (voicemail storage) to finish; for shutdown and tests.</summary>
    public Task DrainAsync() => Task.WhenAll(running.Values);

    private async Task OnInitialInviteAsync(SipServerTransaction transaction)
    {
        // Carriers never come over WebSocket: a browser on the same host as a trunk is still a device.
        if (Cluster?.IsPeer(transaction.Source) == true)
        {
            await OnPeerInviteAsync(transaction).ConfigureAwait(false);
            return;
        }

        var trunk = transaction.Source.Transport is SipTransportKind.WebSocket or SipTransportKind.SecureWebSocket
            ? null
            : trunks.FindBySource(transaction.Source.Address.Address);
        if (trunk is null)
        {
            // Not a carrier: a device dialing out (authorized by the device directory, 403 otherwise).
            await OnOutboundInviteAsync(transaction).ConfigureAwait(false);
        }
        else
        {
            await OnInboundInviteAsync(transaction, trunk).ConfigureAwait(false);
        }
    }

    private async Task OnReinviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (FindLeg(request) is not var (call, leg))
        {
            // RFC 3261 §12.2.2: no matching dialog.
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        leg.Dialog.OnRemoteRequest(request);
        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _)
            || !leg.Media.TryAcceptReoffer(offer!, out var answer, out _))
        {
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        await transaction.RespondAsync(WithSdp(transaction.CreateResponse(200), transaction, answer!)).ConfigureAwait(false);
        if (call.Second is not null && offer!.Media.Find(m => m.Media == "audio") is { } audio)
        {
            // Hold/resume (RFC 3264 §8.4) is carried to the other side of a bridged call.
            var id = Guid.NewGuid();
            running[id] = OfferDirectionAsync(call, leg, audio.Direction).ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
        }
    }

    private async Task OnInDialogRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (FindLeg(request) is not var (call, leg))
        {
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        leg.Dialog.OnRemoteRequest(request);
        if (request.Method == SipMethods.Info && DtmfRelay.TryParse(request, out var digit))
        {
            RaiseDigit(call, digit);
        }

        // A body-less UPDATE is a session refresh (RFC 4028 §7.4; JsSIP ends the call if it fails).
        await transaction.RespondAsync(200).ConfigureAwait(false);
    }

    private async Task OnByeAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (FindLeg(request) is not var (call, leg))
        {
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §15.1.2: the UAS answers BYE with 200 and ends the session.
        leg.Dialog.Terminate();
        await transaction.RespondAsync(200).ConfigureAwait(false);
        if (call.Second is null)
        {
            call.OnRemoteBye();
            return;
        }

        // A bridged call: hang up the other side too, then release both legs.
        var reason = ReferenceEquals(leg, call.First) ? CallEndReason.CallerHungUp : CallEndReason.CalleeHungUp;
        await HangUpBridgedAsync(call, call.OtherThan(request.CallId!)!, reason).ConfigureAwait(false);
    }

    private (ActiveCall Call, CallLeg Leg)? FindLeg(SipRequest request) =>
        request.CallId is { } callId && calls.TryGetValue(callId, out var call) && call.ByCallId(callId) is { } leg && leg.Dialog.Matches(request)
            ? (call, leg)
            : null;

    private async Task HangUpBridgedAsync(ActiveCall call, CallLeg other, CallEndReason reason)
    {
        // Whichever side's BYE (or media failure) ends the call first does the clean-up.
        if (!call.TryEnd())
        {
            return;
        }

        calls.TryRemove(call.First.Dialog.CallId, out _);
        calls.TryRemove(call.Second!.Dialog.CallId, out _);
        call.Bridge?.Dispose();
        if (other.Dialog.State != SipDialogState.Terminated)
        {
            var request = other.Dialog.CreateRequest(SipMethods.Bye);
            other.Dialog.Terminate();
            var bye = await sipStack.SendRequestAsync(request, other.Dialog.NextHop()).ConfigureAwait(false);
            await bye.FinalResponse.ConfigureAwait(false);
        }

        if (!call.RecordedElsewhere)
        {
            Notify(o => o.OnEnded(new CallEnded(call.Info with { At = Now }, reason, 200, call.AnsweredAt, call.Statistics())));
        }

        await call.First.Media.DisposeAsync().ConfigureAwait(false);
        await call.Second.Media.DisposeAsync().ConfigureAwait(false);
        call.Dispose();
    }

    /// <summary>Registers a bridged call so BYE from either side, or a dead media path, ends both legs.</summary>
    private void Track(ActiveCall call)
    {
        calls[call.First.Dialog.CallId] = call;
        calls[call.Second!.Dialog.CallId] = call;
        WatchMedia(call, call.First);
        WatchMedia(call, call.Second);
        WireDigits(call, call.First);
        WireDigits(call, call.Second);
        RecordByPolicy(call);
    }

    /// <summary>RFC 4733 events of <paramref name="leg"/> reach call control (once per leg, whenever the leg joined the call).</summary>
    private void WireDigits(ActiveCall call, CallLeg leg)
    {
        if (call.TryWireDigits(leg))
        {
            leg.Media.DtmfReceived += e => RaiseDigit(call, e.Digit);
        }
    }

    private void RaiseDigit(ActiveCall call, char digit)
    {
        DtmfReceived?.Invoke(call.Id, digit);
        call.OnDigit(digit);
    }

    /// <summary>
    /// A media path died (consent expired, DTLS closed). A browser that hangs up closes DTLS just before its BYE
    /// arrives, so give the BYE a moment to end the call the ordinary way before ending it as failed.
    /// </summary>
    private async Task OnMediaEndedAsync(ActiveCall call, CallLeg leg)
    {
        await Task.Delay(Options.MediaEndGrace, sipStack.TimeProvider).ConfigureAwait(false);
        // A leg transferred away (its device hung up after the transfer) no longer speaks for the call.
        if (call.ByCallId(leg.Dialog.CallId) is not null && call.OtherThan(leg.Dialog.CallId) is { } other)
        {
            await HangUpBridgedAsync(call, other, CallEndReason.Failed).ConfigureAwait(false);
        }
    }

    private void WatchMedia(ActiveCall call, CallLeg leg) =>
        leg.Media.Ended += _ => running[Guid.NewGuid()] = OnMediaEndedAsync(call, leg);

    private SipResponse WithSdp(SipResponse response, SipServerTransaction transaction, SdpSession sdp)
    {
        response.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(transaction.Transport.Kind)}>");
        response.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        return response;
    }

    private void Notify(Action<ICallObserver> raise)
    {
        try
        {
            raise(Observer);
        }
#pragma warning disable CA1031 // An observer's failure (a CDR store down) must never break a call.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
