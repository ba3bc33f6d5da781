using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// A number's menu: the gateway answers, plays the prompt and waits for one digit (RFC 4733 event or SIP INFO
/// dtmf-relay); the digit's ring group rings, and whoever answers is bridged to the caller. No valid digit within
/// <see cref="B2buaOptions.MenuTimeout"/>: the number's members ring. Nobody answers, or nobody is registered: voicemail.
/// </summary>
public sealed partial class B2bua
{
    private async Task AnswerIntoMenuAsync(SipServerTransaction transaction, NumberRoute route, SdpSession offer, CallEvent info, IReadOnlyList<MenuChoice> menu)
    {
        if (await AnswerAsApplicationAsync(transaction, offer, info).ConfigureAwait(false) is { } call)
        {
            running[call.Id] = RunMenuAsync(call, route, menu);
        }
    }

    private async Task RunMenuAsync(ActiveCall call, NumberRoute route, IReadOnlyList<MenuChoice> menu)
    {
        var choice = await ReadMenuChoiceAsync(call, menu).ConfigureAwait(false);
        var members = choice is null
            ? route.MemberAddressesOfRecord
            : [.. choice.MembershipIds.Select(id => route.MemberAddressesByMembership?.GetValueOrDefault(id)).OfType<string>()];
        var bindings = call.RemoteHungUp ? [] : await FindBindingsAsync(members, call.HangupToken).ConfigureAwait(false);
        if (bindings.Count > 0)
        {
            var callerName = await FindCallerNameAsync(route, call.Info.RemoteNumber, call.HangupToken).ConfigureAwait(false);
            Notify(o => o.OnRinging(call.Info with { At = Now }));
            var answered = await RingAnsweredCallAsync(call, bindings, callerName, route.RingTimeout ?? Options.RingTimeout, call.HangupToken)
                .ConfigureAwait(false);
            if (answered is var (winner, answer) && await BridgeDeviceIntoCallAsync(call, winner, answer).ConfigureAwait(false))
            {
                running.TryRemove(call.Id, out _);
                return;
            }
        }

        if (!call.RemoteHungUp)
        {
            await RunVoicemailAsync(call, route).ConfigureAwait(false);
            return;
        }

        Notify(o => o.OnEnded(new CallEnded(call.Info with { At = Now }, CallEndReason.CallerHungUp, 200, call.AnsweredAt, call.Statistics())));
        await ReleaseApplicationCallAsync(call).ConfigureAwait(false);
    }

    /// <summary>
    /// Rings devices for a call the gateway already answered (menu, transfer): only the devices this node holds, since
    /// the caller's media is anchored here (another node cannot answer the carrier's offer any more).
    /// </summary>
    private async Task<(Fork Winner, SipResponse Answer)?> RingAnsweredCallAsync(
        ActiveCall call, List<SipBinding> bindings, string? callerName, TimeSpan ringTimeout, CancellationToken callerGone)
    {
        var forks = await SendForksAsync(RingTargets(bindings, fromPeer: true), null, call.Info, call.Info.RemoteNumber, callerName).ConfigureAwait(false);
        return await RingForksAsync(forks, ringTimeout, callerGone).ConfigureAwait(false);
    }

    /// <summary>Plays the menu prompt and returns the first digit that names a choice; null on timeout or hang-up.</summary>
    private async Task<MenuChoice?> ReadMenuChoiceAsync(ActiveCall call, IReadOnlyList<MenuChoice> menu)
    {
        var chosen = new TaskCompletionSource<MenuChoice>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDigit(char digit)
        {
            if (menu.FirstOrDefault(m => m.Digit == digit) is { } choice)
            {
                chosen.TrySetResult(choice);
            }
        }

        call.DigitReceived += OnDigit;
        using var stopPrompt = CancellationTokenSource.CreateLinkedTokenSource(call.HangupToken);
        var prompt = PlayMenuPromptAsync(call.First.Media, stopPrompt.Token);
        try
        {
            var timeout = Task.Delay(Options.MenuTimeout, sipStack.TimeProvider, call.HangupToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return await Task.WhenAny(chosen.Task, timeout).ConfigureAwait(false) == chosen.Task ? await chosen.Task.ConfigureAwait(false) : null;
        }
        finally
        {
            call.DigitReceived -= OnDigit;
            await stopPrompt.CancelAsync().ConfigureAwait(false);
            await prompt.ConfigureAwait(false);
        }
    }

    private async Task PlayMenuPromptAsync(MediaLeg leg, CancellationToken cancellationToken)
    {
        try
        {
            var prompt = await MenuPrompt.CreateDefaultAsync(cancellationToken).ConfigureAwait(false);
            await LegPrompt.PlayAsync(leg, prompt, sipStack.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A digit (or the caller's hang-up) cut the prompt short.
        }
    }

    /// <summary>A device of the ring group answered: answer its offer with the caller's codec and bridge the two.</summary>
    private async Task<bool> BridgeDeviceIntoCallAsync(ActiveCall call, Fork winner, SipResponse answer)
    {
        if (await AcknowledgeDeviceAsync(winner, answer, call.First.Media).ConfigureAwait(false) is not { } deviceLeg)
        {
            return false;
        }

        call.Info = call.Info with { MemberAddressOfRecord = winner.AddressOfRecord };
        call.Second = deviceLeg;
        call.Bridge = MediaBridge.Connect(call.First.Media, deviceLeg.Media);
        Track(call);
        if (call.RemoteHungUp)
        {
            // The caller's BYE arrived while the device was being connected.
            await HangUpBridgedAsync(call, deviceLeg, CallEndReason.CallerHungUp).ConfigureAwait(false);
        }

        return true;
    }
}
