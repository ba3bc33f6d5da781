using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Api.Sip;

/// <summary>
/// The gateway's UDP/TCP transports toward trunks, joined to the edge's stack (which owns and disposes them; this
/// holder is not disposable, so the container does not dispose them a second time).
/// </summary>
public sealed record TrunkSipTransports(IReadOnlyList<SipTransport> Transports);
