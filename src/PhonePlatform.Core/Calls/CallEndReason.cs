namespace PhonePlatform.Core.Calls;

/// <summary>Why a call ended, from the workspace's point of view.</summary>
public enum CallEndReason
{
    /// <summary>Answered and hung up by either side.</summary>
    Completed = 0,

    /// <summary>The caller gave up while it rang (CANCEL).</summary>
    Cancelled = 1,

    /// <summary>Nobody answered before the ring timeout.</summary>
    NoAnswer = 2,

    /// <summary>The callee was busy (486/600).</summary>
    Busy = 3,

    /// <summary>The callee declined (603) or the call was refused (403, 404).</summary>
    Rejected = 4,

    /// <summary>No route, trunk failure, media failure.</summary>
    Failed = 5,

    /// <summary>The caller left (or could have left) a voicemail.</summary>
    Voicemail = 6,
}
