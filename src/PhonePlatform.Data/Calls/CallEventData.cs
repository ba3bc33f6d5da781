using PhonePlatform.Core.Calls;

namespace PhonePlatform.Data.Calls;

/// <summary>The <c>data</c> of <c>call.*</c> events: the call record as integrators see it.</summary>
public sealed record CallEventData(
    Guid CallId,
    CallDirection Direction,
    string Number,
    string? RemoteNumber,
    IReadOnlyList<Guid> MembershipIds,
    Guid? AnsweredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? RingingAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallEndReason? EndReason,
    int? SipCode,
    Guid? VoicemailId,
    Guid? RecordingId)
{
    public static CallEventData From(CallRecord call) => new(
        call.Id,
        call.Direction,
        call.WorkspaceNumber,
        call.RemoteNumber?.Value,
        call.MembershipIds,
        call.AnsweredByMembershipId,
        call.StartedAt,
        call.RingingAt,
        call.AnsweredAt,
        call.EndedAt,
        call.EndReason,
        call.SipCode,
        call.VoicemailId,
        call.RecordingId);
}
