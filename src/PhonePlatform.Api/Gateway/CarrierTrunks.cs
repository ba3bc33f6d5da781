using System.Net;
using PhonePlatform.Core.Trunks;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Api.Gateway;

/// <summary>A workspace's stored trunk as the SIP stack and router see it.</summary>
public static class CarrierTrunks
{
    /// <summary>The <see cref="SipTrunk.Id"/> of a workspace trunk: its database id, so names may repeat across workspaces.</summary>
    public static string SipIdOf(Guid trunkId) => trunkId.ToString("N");

    public static SipTrunk ToSipTrunk(CarrierTrunk trunk, IPAddress? resolved)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return new SipTrunk
        {
            Id = SipIdOf(trunk.Id),
            Name = trunk.Name,
            Host = trunk.Host,
            ResolvedAddress = resolved,
            Port = trunk.Port,
            Transport = trunk.Transport == TrunkTransport.Tcp ? SipTransportKind.Tcp : SipTransportKind.Udp,
            Username = trunk.AuthUsername?.Value,
            Password = trunk.AuthPassword?.Value,
            AllowedSources = [.. trunk.AllowedSources.Select(IPNetwork.Parse)],
            NumberFormat = trunk.NumberFormat switch
            {
                TrunkNumberFormat.E164WithoutPlus => SipTrunkNumberFormat.E164WithoutPlus,
                TrunkNumberFormat.National => SipTrunkNumberFormat.National,
                _ => SipTrunkNumberFormat.E164,
            },
            CountryCode = trunk.CountryCode,
        };
    }

    /// <summary>One route per prefix (one for every destination when it lists none), owned by the trunk's workspace.</summary>
    public static IEnumerable<TrunkRoute> RoutesOf(CarrierTrunk trunk, SipTrunk sipTrunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var prefixes = trunk.Prefixes.Count == 0 ? [""] : trunk.Prefixes;
        return prefixes.Select(prefix => new TrunkRoute(sipTrunk, prefix, trunk.Priority, trunk.CostPerMinute, trunk.WorkspaceId));
    }
}
