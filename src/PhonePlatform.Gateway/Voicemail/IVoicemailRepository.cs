namespace PhonePlatform.Gateway.Voicemail;

/// <summary>Port: where voicemail records go (the data layer implements it with protected fields).</summary>
public interface IVoicemailRepository
{
    Task AddAsync(VoicemailMessage message, CancellationToken cancellationToken);
}
