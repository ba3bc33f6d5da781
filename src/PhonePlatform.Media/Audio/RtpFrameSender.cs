namespace PhonePlatform.Media.Audio;

/// <summary>
/// Sends one RTP packet of <paramref name="length"/> octets; <paramref name="buffer"/> is longer than the packet by
/// <see cref="Srtp.SrtpSession.MaxProtectOverhead"/> so the transport can protect it in place.
/// </summary>
public delegate ValueTask RtpFrameSender(Memory<byte> buffer, int length, CancellationToken cancellationToken);
