using PhonePlatform.Core.Calls;

namespace PhonePlatform.Api.Contracts;

public sealed record CallQualityResponse(long PacketsReceived, long PacketsLost, double LossFraction, double JitterMilliseconds, double? RoundTripMilliseconds);

public sealed record CallResponse(
    Guid Id,
    CallDirection Direction,
    Guid? NumberId,
    string Number,
    string? RemoteNumber,
    IReadOnlyList<Guid> MembershipIds,
    Guid? AnsweredBy,
    string? TrunkId,
    string? TrunkName,
    DateTimeOffset StartedAt,
    DateTimeOffset? RingingAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallEndReason? EndReason,
    int? SipCode,
    bool Missed,
    CallQualityResponse? Quality,
    Guid? RecordingId,
    Guid? VoicemailId)
{
    public static CallResponse From(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var quality = call.Quality is { } q
            ? new CallQualityResponse(q.PacketsReceived, q.PacketsLost, q.LossFraction, q.JitterMilliseconds, q.RoundTripMilliseconds)
            : null;
        return new CallResponse(
            call.Id, call.Direction, call.PhoneNumberId, call.WorkspaceNumber, call.RemoteNumber?.Value, call.MembershipIds,
            call.AnsweredByMembershipId, call.TrunkId, call.TrunkName, call.StartedAt, call.RingingAt, call.AnsweredAt, call.EndedAt,
            call.EndReason, call.SipCode, call.Missed, quality, call.RecordingId, call.VoicemailId);
    }
}

public sealed record VoicemailResponse(
    Guid Id, Guid? CallId, Guid? NumberId, string Number, string? CallerNumber, double DurationSeconds, DateTimeOffset ReceivedAt,
    bool Listened, DateTimeOffset? ListenedAt, string AudioUrl)
{
    public static VoicemailResponse From(Voicemail voicemail)
    {
        ArgumentNullException.ThrowIfNull(voicemail);
        return new VoicemailResponse(
            voicemail.Id, voicemail.CallRecordId, voicemail.PhoneNumberId, voicemail.Number, voicemail.CallerNumber?.Value,
            voicemail.Duration.TotalSeconds, voicemail.ReceivedAt, voicemail.ListenedAt is not null, voicemail.ListenedAt,
            $"/v1/voicemails/{voicemail.Id}/audio");
    }
}

public sealed record RecordingResponse(Guid Id, Guid CallId, double DurationSeconds, DateTimeOffset CreatedAt, string AudioUrl)
{
    public static RecordingResponse From(CallRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return new RecordingResponse(recording.Id, recording.CallRecordId, recording.Duration.TotalSeconds, recording.CreatedAt, $"/v1/recordings/{recording.Id}/audio");
    }
}

public sealed record OpeningHoursDto(DayOfWeek Day, string Opens, string Closes);

public sealed record BusinessHoursDto(string TimeZone, IReadOnlyList<OpeningHoursDto> Weekly, IReadOnlyList<DateOnly>? Holidays = null);

public sealed record MenuOptionDto(string Digit, string? Label = null, IReadOnlyList<Guid>? MembershipIds = null, string? ForwardTo = null);

/// <summary>PUT body of <c>/v1/numbers/{id}/call-settings</c>: the whole settings (omitted optional parts take their defaults).</summary>
public sealed record NumberCallSettingsRequest(
    BusinessHoursDto? BusinessHours = null,
    int? RingTimeoutSeconds = null,
    RecordingPolicy? RecordingPolicy = null,
    bool? RecordingAnnouncement = null,
    IReadOnlyList<MenuOptionDto>? Menu = null);

public sealed record NumberCallSettingsResponse(
    Guid NumberId,
    BusinessHoursDto? BusinessHours,
    int RingTimeoutSeconds,
    RecordingPolicy RecordingPolicy,
    bool RecordingAnnouncement,
    bool HasGreeting,
    IReadOnlyList<MenuOptionDto> Menu,
    bool OpenNow);
