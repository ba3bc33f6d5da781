using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Calls;

/// <summary>One routing rule: destinations starting with <see cref="Prefix"/> (E.164 with '+'; empty: all) may use the trunk.</summary>
public sealed record TrunkRoute(SipTrunk Trunk, string Prefix, int Priority, decimal CostPerMinute);
