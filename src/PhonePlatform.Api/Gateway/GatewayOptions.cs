using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// The media gateway (configuration section <c>Gateway</c>): where SIP toward carriers listens, the media address
/// and port range, ring timeout and voicemail length, and the carrier trunks with their routing rules.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Address the UDP/TCP SIP transports toward trunks bind to.</summary>
    public string SipAddress { get; set; } = "0.0.0.0";

    /// <summary>SIP port toward trunks (UDP and TCP); 0 picks a free port (tests).</summary>
    public int SipPort { get; set; } = 5060;

    public bool EnableTcp { get; set; } = true;

    /// <summary>Host name or address written into Via/Contact toward trunks (the public address behind NAT); the bound address when empty.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Address of media sockets, written into SDP (the host candidate of browser legs): the public address of this node.</summary>
    public string MediaAddress { get; set; } = "127.0.0.1";

    public int MediaPortFirst { get; set; } = 40000;

    public int MediaPortLast { get; set; } = 49999;

    /// <summary>
    /// Browser legs share one media port per core (datagrams routed by ICE ufrag and address) instead of one port each:
    /// about half the system calls per relayed packet (docs/benchmarks.md, "Media: multiplexed WebRTC ports").
    /// </summary>
    public bool MultiplexWebRtcMedia { get; set; } = true;

    /// <summary>How long members' devices ring before voicemail (a number's own setting wins).</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan VoicemailMaxLength { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a trunk may stay silent after an INVITE before the call fails over to the next trunk.</summary>
    public TimeSpan TrunkSetupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often workspaces' own trunks are re-read from the database (changes made through this process apply at once).</summary>
    public TimeSpan TrunkReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The platform's carriers (the operator's); workspaces add their own through <c>/v1/trunks</c>.</summary>
    public List<GatewayTrunkOptions> Trunks { get; set; } = [];
}

/// <summary>One carrier trunk and its routing rule.</summary>
public sealed class GatewayTrunkOptions
{
    public string Name { get; set; } = "";

    /// <summary>IP address of the carrier's SIP server.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 5060;

    public SipTransportKind Transport { get; set; } = SipTransportKind.Udp;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>CIDR blocks inbound INVITEs from this carrier may come from.</summary>
    public List<string> AllowedSources { get; set; } = [];

    public SipTrunkNumberFormat NumberFormat { get; set; } = SipTrunkNumberFormat.E164;

    public string CountryCode { get; set; } = "1";

    /// <summary>Destinations (E.164 with '+') this trunk may carry; empty: all.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower first.</summary>
    public int Priority { get; set; }

    public decimal CostPerMinute { get; set; }

    /// <summary>OPTIONS keep-alive interval; zero turns it off for a peer that cannot take OPTIONS.</summary>
    public TimeSpan OptionsInterval { get; set; } = TimeSpan.FromSeconds(30);

    public SipTrunk ToTrunk() => new()
    {
        OptionsInterval = OptionsInterval,
        Name = Name,
        Host = Host,
        Port = Port,
        Transport = Transport,
        Username = Username,
        Password = Password,
        AllowedSources = [.. AllowedSources.Select(System.Net.IPNetwork.Parse)],
        NumberFormat = NumberFormat,
        CountryCode = CountryCode,
    };
}
