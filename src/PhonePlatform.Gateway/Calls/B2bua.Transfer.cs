using System.Globalization;
using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Blind transfer (RFC 3515 REFER; RFC 5589 §6): a member's device on a bridged call refers the other party to another
/// member of the workspace. The gateway accepts (202), reports progress to the transferor as NOTIFY message/sipfrag
/// (RFC 3515 §2.4.4), rings the target's devices, and when one answers bridges the other party to it, reports
/// "200 OK" and hangs up the transferor. The other party's leg is untouched: media stays anchored here.
/// </summary>
public sealed partial class B2bua
{
    private async Task OnReferAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (FindLeg(request) is not var (call, leg))
        {
            await transaction.RespondAsync(481).ConfigureAwait(false);
            return;
        }

        leg.Dialog.OnRemoteRequest(request);
        if (call.Second is null || leg.Kind != CallLegKind.Device || call.OtherThan(leg.Dialog.CallId) is not { } transferee)
        {
            // Only a member's device on a connected call may transfer it.
            await transaction.RespondAsync(403).ConfigureAwait(false);
            return;
        }

        // RFC 3515 §2.4.1: exactly one Refer-To.
        if (!SipNameAddress.TryParse(request.Headers.Get(SipHeaderNames.ReferTo), out var referTo))
        {
            await transaction.RespondAsync(400).ConfigureAwait(false);
            return;
        }

        var target = await FindTransferTargetAsync(call, referTo.Uri, transaction.CancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            await transaction.RespondAsync(403).ConfigureAwait(false);
            return;
        }

        await transaction.RespondAsync(202).ConfigureAwait(false);
        var referId = request.CSeq!.Value.Number;
        await NotifyReferAsync(leg, referId, 100, "Trying", final: false).ConfigureAwait(false);
        var id = Guid.NewGuid();
        running[id] = TransferAsync(call, leg, transferee, target, referId).ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    /// <summary>The member's address of record the Refer-To names, when that member is in the call's workspace; else null.</summary>
    private async Task<string?> FindTransferTargetAsync(ActiveCall call, SipUri referTo, CancellationToken cancellationToken)
    {
        if (call.Info.WorkspaceNumber is not { } number
            || await numbers.FindAsync(number, cancellationToken).ConfigureAwait(false) is not { } route)
        {
            return null;
        }

        var aor = new SipUri("sip", referTo.User, referTo.Host, null).ToString();
        var members = route.MemberAddressesByMembership?.Values ?? route.MemberAddressesOfRecord;
        return members.FirstOrDefault(m => string.Equals(m, aor, StringComparison.OrdinalIgnoreCase));
    }

    private async Task TransferAsync(ActiveCall call, CallLeg transferor, CallLeg transferee, string target, uint referId)
    {
        var bindings = await FindBindingsAsync([target], CancellationToken.None).ConfigureAwait(false);
        var answered = bindings.Count == 0
            ? null
            : await RingAnsweredCallAsync(call, bindings, null, Options.RingTimeout, call.EndedToken).ConfigureAwait(false);
        var newLeg = answered is var (winner, answer) ? await AcknowledgeDeviceAsync(winner, answer, transferee.Media).ConfigureAwait(false) : null;
        if (newLeg is null || call.EndedToken.IsCancellationRequested)
        {
            if (newLeg is not null)
            {
                await ByeAsync(newLeg.Dialog).ConfigureAwait(false);
                await newLeg.Media.DisposeAsync().ConfigureAwait(false);
            }

            // RFC 3515 §2.4.5: the final NOTIFY carries the failure; the original call goes on.
            await NotifyReferAsync(transferor, referId, 480, "Temporarily Unavailable", final: true).ConfigureAwait(false);
            return;
        }

        call.Bridge?.Dispose();
        call.ReplaceLeg(transferor, newLeg);
        calls.TryRemove(transferor.Dialog.CallId, out _);
        calls[newLeg.Dialog.CallId] = call;
        call.Info = call.Info with { MemberAddressOfRecord = answered!.Value.Winner.AddressOfRecord };
        call.Bridge = MediaBridge.Connect(transferee.Media, newLeg.Media);
        WatchMedia(call, newLeg);
        WireDigits(call, newLeg);

        await NotifyReferAsync(transferor, referId, 200, "OK", final: true).ConfigureAwait(false);
        await ByeAsync(transferor.Dialog).ConfigureAwait(false);
        await transferor.Media.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>RFC 3515 §2.4.4: the refer subscription's NOTIFY with the status line of the new call as message/sipfrag.</summary>
    private async Task NotifyReferAsync(CallLeg transferor, uint referId, int status, string reason, bool final)
    {
        var notify = transferor.Dialog.CreateRequest(SipMethods.Notify);
        notify.Headers.Add(SipHeaderNames.Event, "refer;id=" + referId.ToString(CultureInfo.InvariantCulture));
        notify.Headers.Add("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60");
        notify.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(transferor.Dialog.Flow.Transport)}>");
        notify.Headers.Add(SipHeaderNames.ContentType, "message/sipfrag;version=2.0");
        notify.Body = Encoding.UTF8.GetBytes($"SIP/2.0 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\n");
        var client = await sipStack.SendRequestAsync(notify, transferor.Dialog.NextHop()).ConfigureAwait(false);
        await client.FinalResponse.ConfigureAwait(false);
    }
}
