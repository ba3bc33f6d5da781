namespace PhonePlatform.Data.Sip;

public sealed class PostgresLocationOptions
{
    /// <summary>This gateway node (<c>Sip:NodeId</c>, default the machine name): stored with each binding it holds the flow of.</summary>
    public string NodeId { get; set; } = Environment.MachineName;
}
