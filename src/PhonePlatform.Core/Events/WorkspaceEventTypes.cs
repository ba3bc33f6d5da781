namespace PhonePlatform.Core.Events;

/// <summary>The event types integrators can subscribe to (webhooks) or watch live (server-sent events).</summary>
public static class WorkspaceEventTypes
{
    public const string CallRinging = "call.ringing";
    public const string CallAnswered = "call.answered";
    public const string CallCompleted = "call.completed";
    public const string CallMissed = "call.missed";
    public const string CallRecordingCompleted = "call.recording.completed";
    public const string CallVoicemailCompleted = "call.voicemail.completed";
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageFailed = "message.failed";
    public const string ContactCreated = "contact.created";
    public const string ContactUpdated = "contact.updated";
    public const string ContactDeleted = "contact.deleted";

    public static IReadOnlyList<string> All { get; } =
    [
        CallRinging, CallAnswered, CallCompleted, CallMissed, CallRecordingCompleted, CallVoicemailCompleted,
        MessageReceived, MessageSent, MessageDelivered, MessageFailed, ContactCreated, ContactUpdated, ContactDeleted,
    ];
}
