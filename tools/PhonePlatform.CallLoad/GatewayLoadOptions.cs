using System.Net;

namespace PhonePlatform.CallLoad;

/// <summary>
/// Where the load gateway listens, where the carrier's calls come from (another loopback address than the devices',
/// since the B2BUA tells trunk traffic by its source) how long a voicemail may run, and the per-source request limit for the devices sipp plays from one address.
/// </summary>
internal sealed record GatewayLoadOptions(int SipPort, int TrunkPort, int FirstMediaPort, int LastMediaPort, int VoicemailSeconds, IPAddress Address, IPAddress CarrierSource, int DeviceRequestsPerSecond);
