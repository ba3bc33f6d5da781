namespace PhonePlatform.Core.Audit;

/// <summary>
/// One append-only record of a security-relevant action. <see cref="Hash"/> covers every other field and
/// <see cref="PreviousHash"/>, chaining each entry to the one before it in the same workspace.
/// </summary>
public sealed class AuditEntry : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }

    /// <summary>1, 2, 3… per workspace, without gaps.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Action { get; set; }
    public Guid? ActorUserId { get; set; }
    public Guid? ActorApiKeyId { get; set; }
    public string? ActorIp { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }

    /// <summary>Short, non-secret facts (e.g. old and new role). Never message bodies or credentials.</summary>
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
