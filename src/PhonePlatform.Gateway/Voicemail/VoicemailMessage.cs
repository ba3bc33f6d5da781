namespace PhonePlatform.Gateway.Voicemail;

/// <summary>
/// A recorded message. <see cref="CallerNumber"/> is personal data: the store persists it as a protected field.
/// The audio is an 8 kHz 16-bit stereo WAV (caller on the left channel) in the encrypted blob store under <see cref="BlobName"/>.
/// </summary>
public sealed record VoicemailMessage(
    Guid Id,
    Guid WorkspaceId,
    string Number,
    string? CallerNumber,
    string BlobName,
    TimeSpan Duration,
    DateTimeOffset ReceivedAt);
