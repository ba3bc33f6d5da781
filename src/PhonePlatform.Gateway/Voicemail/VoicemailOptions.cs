namespace PhonePlatform.Gateway.Voicemail;

public sealed record VoicemailOptions
{
    /// <summary>Longest message; the gateway hangs up after it.</summary>
    public TimeSpan MaxLength { get; init; } = TimeSpan.FromMinutes(3);
}
