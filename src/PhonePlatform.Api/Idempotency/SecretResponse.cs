namespace PhonePlatform.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the response carries a secret or personal data shown once (tokens, recovery codes, exports).
/// Its body is never stored for idempotent replay; a retry with the same key gets a 409 instead.
/// </summary>
public sealed class SecretResponse
{
    public static readonly SecretResponse Instance = new();
}
