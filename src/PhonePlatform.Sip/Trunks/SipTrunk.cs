using System.Net;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Trunks;

/// <summary>How a trunk wants numbers in Request-URI, To and caller id.</summary>
public enum SipTrunkNumberFormat
{
    /// <summary>+4930123456</summary>
    E164,

    /// <summary>4930123456</summary>
    E164WithoutPlus,

    /// <summary>National significant number with trunk prefix: 030123456 (for <see cref="SipTrunk.CountryCode"/> numbers).</summary>
    National,
}

/// <summary>Which header carries the asserted caller id towards the trunk (RFC 3325, or the older Remote-Party-ID draft).</summary>
public enum SipCallerIdHeader
{
    PAssertedIdentity,
    RemotePartyId,
    None,
}

/// <summary>Configuration of one carrier trunk.</summary>
public sealed record SipTrunk
{
    private readonly string? id;

    public required string Name { get; init; }

    /// <summary>What health and statistics are kept under: unique among the trunks of a process; <see cref="Name"/> unless set.</summary>
    public string Id
    {
        get => id ?? Name;
        init => id = value;
    }

    public required string Host { get; init; }

    public int Port { get; init; } = 5060;

    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Credentials for the carrier's 401/407 challenges (outbound digest), if it requires them.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Addresses inbound INVITEs from this carrier may come from; nothing else is accepted as this trunk.</summary>
    public IReadOnlyList<IPNetwork> AllowedSources { get; init; } = [];

    public SipTrunkNumberFormat NumberFormat { get; init; } = SipTrunkNumberFormat.E164;

    /// <summary>Country calling code without '+', used by <see cref="SipTrunkNumberFormat.National"/>.</summary>
    public string CountryCode { get; init; } = "1";

    public string NationalPrefix { get; init; } = "0";

    public SipCallerIdHeader CallerIdHeader { get; init; } = SipCallerIdHeader.PAssertedIdentity;

    /// <summary>How often OPTIONS checks the trunk (RFC 3261 §11); zero: never.</summary>
    public TimeSpan OptionsInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed OPTIONS before the trunk is marked down.</summary>
    public int FailuresBeforeDown { get; init; } = 3;

    /// <summary>The address <see cref="Host"/> resolved to, when it is a name (name resolution belongs to the gateway).</summary>
    public IPAddress? ResolvedAddress { get; init; }

    /// <summary>The next hop: <see cref="Host"/> when it is an IP literal, else <see cref="ResolvedAddress"/>; null when neither.</summary>
    public SipEndPoint? EndPoint =>
        (IPAddress.TryParse(Host, out var address) ? address : ResolvedAddress) is { } next ? new SipEndPoint(Transport, new IPEndPoint(next, Port)) : null;

    public bool AllowsSource(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in AllowedSources)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
