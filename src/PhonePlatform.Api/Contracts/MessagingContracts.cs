namespace PhonePlatform.Api.Contracts;

/// <summary><c>from</c>: a workspace number's id or its E.164; <c>to</c>: E.164.</summary>
public sealed record SendMessageRequest(string From, string To, string Body);

public sealed record SendMessageResponse(Guid Id, Guid ConversationId, string Status, string Encoding, int Segments);

public sealed record MessagePreviewRequest(string Body);

/// <summary>
/// What a body costs before sending. <c>characters</c> counts GSM septets (an extension character such as € counts two)
/// or UTF-16 units for UCS-2; <c>remainingInSegment</c> is what still fits into the last segment.
/// </summary>
public sealed record MessagePreviewResponse(string Encoding, int Segments, int Characters, int CharactersPerSegment, int RemainingInSegment);

public sealed record ConversationResponse(
    Guid Id,
    Guid NumberId,
    string Participant,
    string? ContactName,
    DateTimeOffset LastMessageAt,
    string? LastMessagePreview,
    int UnreadCount);

/// <summary>One message with its delivery timeline; status is queued, sent, delivered, failed (outbound) or received (inbound).</summary>
public sealed record MessageResponse(
    Guid Id,
    Guid ConversationId,
    Guid NumberId,
    string Direction,
    string From,
    string To,
    string Body,
    int Segments,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? FailedAt,
    string? FailureReason,
    DateTimeOffset? ReadAt);

public sealed record ConversationReadResponse(Guid Id, int MarkedRead);
