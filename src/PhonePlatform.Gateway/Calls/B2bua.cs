using System.Collections.Concurrent;
using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Voicemail;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// The back-to-back user agent (RFC 3261 §6 "B2BUA"): every call ends in the gateway on one side and is
/// re-originated on the other, with media relayed or terminated here. This is the stack's transaction user.
/// </summary>
public sealed class B2bua(
    SipStack stack,
    SipTrunkDirectory trunks,
    INumberDirectory numbers,
    ILocationService locations,
    IMediaLegFactory media,
    VoicemailRecorder voicemail) : ISipRequestHandler
{
    private readonly ConcurrentDictionary<string, ActiveCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Task> running = new();

    /// <summary>Calls in progress.</summary>
    public int ActiveCallCount => calls.Count;

    /// <summary>Raised when a voicemail was stored (after the caller hung up).</summary>
    public event Action<VoicemailMessage>? VoicemailStored;

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = transaction.Request;
        switch (request.Method)
        {
            case SipMethods.Invite when request.To?.Tag is null:
                await OnInitialInviteAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Invite:
                await OnReinviteAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Bye:
                await OnByeAsync(transaction).ConfigureAwait(false);
                break;
            case SipMethods.Options:
                await transaction.RespondAsync(200).ConfigureAwait(false);
                break;
            default:
                // RFC 3261 §8.2.1: a method we do not implement.
                await transaction.RespondAsync(501).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Waits for every call's background work (voicemail storage) to finish; for shutdown and tests.</summary>
    public Task DrainAsync() => Task.WhenAll(running.Values);

    private async Task OnInitialInviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var trunk = trunks.FindBySource(transaction.Source.Address.Address);
        if (trunk is null)
        {
            // Only carriers on the allow-list may send calls to workspace numbers (devices dial out, handled separately).
            await transaction.RespondAsync(403).ConfigureAwait(false);
            return;
        }

        if (!E164.TryNormalize(request.RequestUri.User, out var dialed)
            || await numbers.FindAsync(dialed, transaction.CancellationToken).ConfigureAwait(false) is not { } route)
        {
            await transaction.RespondAsync(404).ConfigureAwait(false);
            return;
        }

        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _) || !media.CanAnswer(offer!))
        {
            // RFC 3261 §13.3.1.1: an offer we cannot answer.
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        var devices = 0;
        foreach (var aor in route.MemberAddressesOfRecord)
        {
            devices += (await locations.GetBindingsAsync(aor, transaction.CancellationToken).ConfigureAwait(false)).Count;
        }

        if (devices > 0)
        {
            // Forking to registered devices is the next step; until then a reachable member is not sent to voicemail.
            await transaction.RespondAsync(480).ConfigureAwait(false);
            return;
        }

        await AnswerIntoVoicemailAsync(transaction, route, offer!).ConfigureAwait(false);
    }

    private async Task AnswerIntoVoicemailAsync(SipServerTransaction transaction, NumberRoute route, SdpSession offer)
    {
        var created = await media.CreateForOfferAsync(offer, transaction.CancellationToken).ConfigureAwait(false);
        if (created.Leg is not { } leg)
        {
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        var response = transaction.CreateResponse(200);
        response.Headers.Add(SipHeaderNames.Contact, $"<{stack.CreateContactUri(transaction.Transport.Kind)}>");
        response.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(leg.LocalDescription.ToString());
        var dialog = SipDialog.CreateAsUas(transaction, confirmed: true);
        var call = new ActiveCall(Guid.CreateVersion7(), CallDirection.Inbound, new CallLeg(CallLegKind.Trunk, dialog, leg));
        calls[dialog.CallId] = call;
        await transaction.RespondAsync(response).ConfigureAwait(false);

        E164.TryNormalize(transaction.Request.From?.Uri.User, out var caller);
        running[call.Id] = RunVoicemailAsync(call, route, string.IsNullOrEmpty(caller) ? null : caller);
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
                await stack.SendRequestAsync(leg.Dialog.CreateRequest(SipMethods.Bye), leg.Dialog.NextHop()).ConfigureAwait(false);
            }

            if (message is not null)
            {
                VoicemailStored?.Invoke(message);
            }
        }
        finally
        {
            calls.TryRemove(call.First.Dialog.CallId, out _);
            await call.First.Media.DisposeAsync().ConfigureAwait(false);
            call.Dispose();
            running.TryRemove(call.Id, out _);
        }
    }

    private async Task OnReinviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.CallId is null || !calls.TryGetValue(request.CallId, out var call) || !call.First.Dialog.Matches(request))
        {
            // RFC 3261 §12.2.2: no matching dialog.
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        if (!SdpParser.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _)
            || !call.First.Media.TryAcceptReoffer(offer!, out var answer, out _))
        {
            await transaction.RespondAsync(488).ConfigureAwait(false);
            return;
        }

        var response = transaction.CreateResponse(200);
        response.Headers.Add(SipHeaderNames.Contact, $"<{stack.CreateContactUri(transaction.Transport.Kind)}>");
        response.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(answer!.ToString());
        await transaction.RespondAsync(response).ConfigureAwait(false);
    }

    private async Task OnByeAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.CallId is null || !calls.TryGetValue(request.CallId, out var call) || !call.First.Dialog.Matches(request))
        {
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §15.1.2: the UAS answers BYE with 200 and ends the session.
        call.First.Dialog.Terminate();
        await transaction.RespondAsync(200).ConfigureAwait(false);
        call.OnRemoteBye();
    }
}
