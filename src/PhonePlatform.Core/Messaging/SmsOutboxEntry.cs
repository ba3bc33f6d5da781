namespace PhonePlatform.Core.Messaging;

/// <summary>
/// A message waiting to be sent, written in the same transaction as the message. Workers claim entries with a lease
/// (<see cref="LeaseUntil"/>); an entry whose lease expired belongs to nobody and is claimed again.
/// </summary>
public sealed class SmsOutboxEntry : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid MessageId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
}
