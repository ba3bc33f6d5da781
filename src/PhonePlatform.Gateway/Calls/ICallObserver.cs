namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Hook for call records and webhooks: the B2BUA reports each call's life here. Implementations must return quickly
/// and never throw (the B2BUA logs and ignores failures); persist asynchronously if needed. Every event of one call
/// carries the same <see cref="CallEvent.CallId"/>.
/// </summary>
public interface ICallObserver
{
    /// <summary>The call reached a member's device (inbound: devices are ringing; outbound: the trunk sent 180/183).</summary>
    void OnRinging(CallEvent call);

    /// <summary>Someone answered (a device, the trunk, or the gateway itself for voicemail).</summary>
    void OnAnswered(CallEvent call);

    /// <summary>The call is over; <see cref="CallEnded"/> says how and with what media quality.</summary>
    void OnEnded(CallEnded call);
}

/// <summary>What is known about a call when an event is raised.</summary>
/// <param name="CallId">Stable id of the call across its events (not the SIP Call-ID).</param>
/// <param name="WorkspaceId">The workspace that owns <paramref name="WorkspaceNumber"/>; null when the call was refused before it was known.</param>
/// <param name="WorkspaceNumber">The workspace number in E.164 (inbound: dialed; outbound: the caller id used).</param>
/// <param name="RemoteNumber">The other party in E.164 when known (inbound: caller; outbound: dialed). Personal data: store it protected.</param>
/// <param name="MemberAddressOfRecord">The member's SIP address (outbound: the caller; inbound: whoever answered), if any.</param>
/// <param name="Trunk">Name of the carrier trunk used, if any.</param>
public sealed record CallEvent(
    Guid CallId,
    CallDirection Direction,
    Guid? WorkspaceId,
    string? WorkspaceNumber,
    string? RemoteNumber,
    string? MemberAddressOfRecord,
    string? Trunk,
    DateTimeOffset At);

/// <summary>The end of a call.</summary>
/// <param name="SipStatusCode">The final SIP status of the call setup (200 when it was answered, else e.g. 403, 404, 486, 487, 503).</param>
/// <param name="Statistics">Media quality per leg (first: the leg toward the caller), empty when no media flowed.</param>
public sealed record CallEnded(
    CallEvent Call,
    CallEndReason Reason,
    int SipStatusCode,
    DateTimeOffset? AnsweredAt,
    IReadOnlyList<CallLegStatistics> Statistics);

/// <summary>Media counters of one leg.</summary>
public sealed record CallLegStatistics(CallLegKind Kind, Media.MediaLegStatistics Media);

/// <summary>Why a call ended.</summary>
public enum CallEndReason
{
    /// <summary>Answered and hung up by the caller side.</summary>
    CallerHungUp,

    /// <summary>Answered and hung up by the callee side.</summary>
    CalleeHungUp,

    /// <summary>The caller gave up before anyone answered (CANCEL).</summary>
    Cancelled,

    /// <summary>Nobody answered in time and there was no voicemail.</summary>
    NoAnswer,

    /// <summary>Answered by voicemail.</summary>
    Voicemail,

    /// <summary>The callee was busy or declined (486, 600, 603).</summary>
    Busy,

    /// <summary>Refused: not permitted (403), unknown number (404), unusable media (488).</summary>
    Rejected,

    /// <summary>No trunk could complete the call, or a media/transport failure.</summary>
    Failed,
}

/// <summary>Observers that do nothing; the default when the host registers none.</summary>
public sealed class NoCallObserver : ICallObserver
{
    public static readonly NoCallObserver Instance = new();

    public void OnRinging(CallEvent call)
    {
    }

    public void OnAnswered(CallEvent call)
    {
    }

    public void OnEnded(CallEnded call)
    {
    }
}
