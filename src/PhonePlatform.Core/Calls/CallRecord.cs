using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Calls;

/// <summary>
/// The call detail record of one call, keyed by the gateway's call id so every lifecycle update of the same call
/// lands on the same row. The outside party's number is personal data: encrypted, found through its blind index.
/// </summary>
public sealed class CallRecord : ITenantScoped
{
    /// <summary>The gateway's call id.</summary>
    public Guid Id { get; set; }

    public Guid WorkspaceId { get; set; }

    public CallDirection Direction { get; set; }

    /// <summary>The workspace number the call was made from or to (null when the number was removed since).</summary>
    public Guid? PhoneNumberId { get; set; }

    /// <summary>The workspace number in E.164 (the workspace's own, not personal data).</summary>
    public required string WorkspaceNumber { get; set; }

    /// <summary>The outside party: the caller of an inbound call, the callee of an outbound one (null: withheld).</summary>
    public EncryptedText? RemoteNumber { get; set; }

    [BlindIndexOf(nameof(RemoteNumber), BlindIndexKind.PhoneNumber)]
    public byte[]? RemoteNumberIndex { get; set; }

    /// <summary>Members whose devices took part (rang, placed or answered the call).</summary>
    public List<Guid> MembershipIds { get; set; } = [];

    public Guid? AnsweredByMembershipId { get; set; }

    public string? TrunkId { get; set; }

    public string? TrunkName { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? RingingAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public CallEndReason? EndReason { get; set; }

    /// <summary>The final SIP status of the call (200 when answered; 486, 487, 503… otherwise).</summary>
    public int? SipCode { get; set; }

    public CallQuality? Quality { get; set; }

    public Guid? RecordingId { get; set; }

    public Guid? VoicemailId { get; set; }

    /// <summary>An inbound call that ended without a member answering (voicemail included).</summary>
    public bool Missed => Direction == CallDirection.Inbound && EndedAt is not null && AnsweredByMembershipId is null;
}
