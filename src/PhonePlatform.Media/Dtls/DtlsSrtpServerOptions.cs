namespace PhonePlatform.Media.Dtls;

/// <summary>Settings of a DTLS-SRTP server.</summary>
public sealed record DtlsSrtpServerOptions
{
    /// <summary>The whole handshake must finish within this time (BouncyCastle's default is forever).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Profiles we accept, most preferred first (IANA values).</summary>
    public IReadOnlyList<int> ProtectionProfiles { get; init; } =
        [DtlsSrtpProtectionProfile.AeadAes128Gcm, DtlsSrtpProtectionProfile.Aes128CmHmacSha1_80];

    /// <summary>Largest datagram we send; below the path MTU so flights fragment in DTLS, not in IP.</summary>
    public int MaxDatagramSize { get; init; } = 1200;
}
