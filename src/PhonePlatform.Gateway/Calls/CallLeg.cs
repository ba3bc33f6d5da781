using PhonePlatform.Gateway.Media;
using PhonePlatform.Sip.Dialogs;

namespace PhonePlatform.Gateway.Calls;

/// <summary>Who is on the other end of a leg.</summary>
public enum CallLegKind
{
    /// <summary>A carrier trunk (plain RTP).</summary>
    Trunk,

    /// <summary>A registered device of a member (UDP softphone or browser over WebSocket), reached via the location service.</summary>
    Device,

    /// <summary>The gateway itself terminates media (voicemail, menu, prompts).</summary>
    Application,
}

/// <summary>One SIP dialog of a call with its media; the B2BUA relays RTP between two of these.</summary>
public sealed class CallLeg(CallLegKind kind, SipDialog dialog, MediaLeg media)
{
    public CallLegKind Kind { get; } = kind;

    public SipDialog Dialog { get; } = dialog;

    public MediaLeg Media { get; } = media;
}
