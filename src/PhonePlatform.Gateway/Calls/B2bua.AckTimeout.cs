using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;

namespace PhonePlatform.Gateway.Calls;

// RFC 3261 §13.3.1.4: our 2xx to an INVITE was retransmitted for 64*T1 and never acknowledged. The peer is gone (or
// its ACK cannot reach us), so the session is ended with BYE on that leg and the call hung up on the other, instead of
// staying open as a ghost call that holds media ports and keeps the gateway from draining.
public sealed partial class B2bua
{
    public async ValueTask OnAckTimedOutAsync(SipResponse unacknowledged)
    {
        if (unacknowledged.CallId is not { } callId || !calls.TryGetValue(callId, out var call) || call.ByCallId(callId) is not { } silent)
        {
            return;
        }

        if (silent.Dialog.State != SipDialogState.Terminated)
        {
            var bye = silent.Dialog.CreateRequest(SipMethods.Bye);
            silent.Dialog.Terminate();
            // Not awaiting its answer: a peer that never acknowledged will likely not answer the BYE either (Timer F).
            await sipStack.SendRequestAsync(bye, silent.Dialog.NextHop()).ConfigureAwait(false);
        }

        if (call.Second is null)
        {
            call.OnRemoteBye();
            return;
        }

        if (call.OtherThan(callId) is { } other)
        {
            await HangUpBridgedAsync(call, other, CallEndReason.Failed).ConfigureAwait(false);
        }
    }
}
