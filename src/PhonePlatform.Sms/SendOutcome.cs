namespace PhonePlatform.Sms;

/// <summary>Why a message was not accepted.</summary>
public enum SendRefusal
{
    None,
    UnknownNumber,
    InvalidDestination,
    InvalidBody,
    OptedOut,
    Forbidden,
}

/// <summary>A message accepted into the outbox: its id and the segment plan computed before sending.</summary>
public sealed record AcceptedMessage(Guid MessageId, Guid ConversationId, int Segments, string Encoding);

/// <summary>Either an accepted message or the reason it was refused.</summary>
public sealed record SendOutcome(AcceptedMessage? Accepted, SendRefusal Refusal, string? Detail)
{
    public static SendOutcome Refused(SendRefusal refusal, string detail) => new(null, refusal, detail);
}
