namespace PhonePlatform.Gateway.Calls;

/// <summary>Port: resolves a dialed E.164 number to the workspace that owns it (null: not ours).</summary>
public interface INumberDirectory
{
    Task<NumberRoute?> FindAsync(string e164Number, CancellationToken cancellationToken);
}
