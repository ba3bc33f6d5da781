namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>Audited actions on call history and call settings.</summary>
public static class CallAuditActions
{
    public const string CallDeleted = "call.deleted";
    public const string RecordingStarted = "call.recording_started";
    public const string RecordingStopped = "call.recording_stopped";
    public const string VoicemailDeleted = "voicemail.deleted";
    public const string CallSettingsChanged = "number.call_settings_changed";
    public const string GreetingChanged = "number.greeting_changed";
}
