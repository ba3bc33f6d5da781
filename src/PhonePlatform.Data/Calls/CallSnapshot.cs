using PhonePlatform.Core.Calls;

namespace PhonePlatform.Data.Calls;

/// <summary>
/// Everything the gateway knows about a call at one lifecycle moment (started, ringing, answered, ended). Each
/// snapshot carries all that is known so far, so updates may arrive twice or out of order without losing anything.
/// </summary>
public sealed record CallSnapshot(Guid CallId, Guid WorkspaceId, CallDirection Direction, string WorkspaceNumber, DateTimeOffset StartedAt)
{
    public string? RemoteNumber { get; init; }

    public IReadOnlyList<Guid> MembershipIds { get; init; } = [];

    public Guid? AnsweredByMembershipId { get; init; }

    public string? TrunkId { get; init; }

    public string? TrunkName { get; init; }

    public DateTimeOffset? RingingAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public CallEndReason? EndReason { get; init; }

    public int? SipCode { get; init; }

    public CallQuality? Quality { get; init; }
}
