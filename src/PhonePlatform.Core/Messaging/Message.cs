using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Messaging;

/// <summary>One SMS of a conversation, either direction. The body is protected (encrypted at rest).</summary>
public sealed class Message : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ConversationId { get; set; }
    public MessageDirection Direction { get; set; }
    public required EncryptedText Body { get; set; }
    public int Segments { get; set; }
    public MessageStatus Status { get; set; }

    /// <summary>The configured carrier (Sms:Carriers name) that accepted the message; carrier ids are unique only per carrier.</summary>
    public string? Carrier { get; set; }

    /// <summary>The SMSC's id of the first segment; its delivery receipt settles the message's status.</summary>
    public string? CarrierMessageId { get; set; }

    /// <summary>The SMSC's ids of the accepted segments, space-separated.</summary>
    public string? CarrierMessageIds { get; set; }

    /// <summary>The carrier's reason when <see cref="Status"/> is <see cref="MessageStatus.Failed"/>.</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
