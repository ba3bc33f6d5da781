using PhonePlatform.Core.Protection;

namespace PhonePlatform.Core.Trunks;

/// <summary>SIP transport toward a trunk.</summary>
public enum TrunkTransport
{
    Udp,
    Tcp,
}

/// <summary>How the carrier wants numbers in Request-URI, To and caller id.</summary>
public enum TrunkNumberFormat
{
    /// <summary>+4930123456</summary>
    E164,

    /// <summary>4930123456</summary>
    E164WithoutPlus,

    /// <summary>030123456: national prefix for numbers of <see cref="CarrierTrunk.CountryCode"/>, 00 otherwise.</summary>
    National,
}

/// <summary>
/// A workspace's own carrier trunk ("bring your own carrier"). The platform's carriers are the operator's and live in
/// configuration (<c>Gateway:Trunks</c>); a workspace's calls try its own trunks first and fall back to them.
/// </summary>
public sealed class CarrierTrunk : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    public required string Name { get; set; }

    /// <summary>IP address or host name of the carrier's SIP server.</summary>
    public required string Host { get; set; }

    public int Port { get; set; } = 5060;

    public TrunkTransport Transport { get; set; }

    /// <summary>Digest credentials for the carrier's 401/407 challenges; encrypted at rest, never returned by the API.</summary>
    public EncryptedText? AuthUsername { get; set; }

    public EncryptedText? AuthPassword { get; set; }

    /// <summary>CIDR blocks the carrier's inbound INVITEs come from; empty: outbound only.</summary>
    public List<string> AllowedSources { get; set; } = [];

    public TrunkNumberFormat NumberFormat { get; set; }

    /// <summary>Country calling code without '+', for <see cref="TrunkNumberFormat.National"/>.</summary>
    public string CountryCode { get; set; } = "1";

    /// <summary>Destinations (E.164 prefixes with '+') the trunk carries; empty: every destination.</summary>
    public List<string> Prefixes { get; set; } = [];

    /// <summary>Lower is tried first among trunks with an equally specific prefix.</summary>
    public int Priority { get; set; }

    public decimal CostPerMinute { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
