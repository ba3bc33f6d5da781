using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// One routing rule: destinations starting with <see cref="Prefix"/> (E.164 with '+'; empty: all) may use the trunk.
/// <see cref="WorkspaceId"/> is set for a workspace's own trunk (only its calls use it, and only its numbers are reached
/// through it); null for the platform's carriers, which every workspace may use.
/// </summary>
public sealed record TrunkRoute(SipTrunk Trunk, string Prefix, int Priority, decimal CostPerMinute, Guid? WorkspaceId = null);
