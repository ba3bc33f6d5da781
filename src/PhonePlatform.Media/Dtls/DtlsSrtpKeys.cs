namespace PhonePlatform.Media.Dtls;

/// <summary>
/// The outcome of a DTLS-SRTP handshake: the negotiated protection profile (IANA value, see
/// <see cref="DtlsSrtpProtectionProfile"/>) and the RFC 5764 §4.2 keying material, laid out as
/// client_write_key | server_write_key | client_write_salt | server_write_salt. We are the server.
/// </summary>
public sealed record DtlsSrtpKeys(int ProtectionProfile, ReadOnlyMemory<byte> KeyingMaterial, int CipherSuite);
