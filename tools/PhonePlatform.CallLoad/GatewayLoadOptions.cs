using System.Net;

namespace PhonePlatform.CallLoad;

/// <summary>
/// Where the load gateway listens, where the carrier's calls come from (another loopback address than the devices',
/// since the B2BUA tells trunk traffic by its source) and how long a voicemail may run.
/// </summary>
internal sealed record GatewayLoadOptions(int SipPort, int TrunkPort, int FirstMediaPort, int LastMediaPort, int VoicemailSeconds, IPAddress Address, IPAddress CarrierSource);
