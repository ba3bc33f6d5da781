namespace PhonePlatform.Core.Idempotency;

/// <summary>
/// The first response to a POST carrying an <c>Idempotency-Key</c>, kept 24 hours so a retry gets the same answer.
/// <see cref="Scope"/> is the principal (workspace + actor) so keys of different callers never collide.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Scope { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>Null while the first request is still being processed.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
