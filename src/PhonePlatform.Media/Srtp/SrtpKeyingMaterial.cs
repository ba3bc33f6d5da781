using PhonePlatform.Media.Srtp.Internal;

namespace PhonePlatform.Media.Srtp;

/// <summary>
/// The master keys and salts of both directions of a DTLS-SRTP association (RFC 5764 §4.2).
/// Local keys protect what this side sends; remote keys unprotect what the peer sends.
/// </summary>
public sealed class SrtpKeyingMaterial
{
    private readonly byte[] localMasterKey;
    private readonly byte[] localMasterSalt;
    private readonly byte[] remoteMasterKey;
    private readonly byte[] remoteMasterSalt;

    private SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt)
    {
        Profile = profile;
        localMasterKey = localKey;
        localMasterSalt = localSalt;
        remoteMasterKey = remoteKey;
        remoteMasterSalt = remoteSalt;
    }

    /// <summary>RFC 5764 §4.2: the TLS exporter label for DTLS-SRTP keying material (no context).</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>The negotiated protection profile.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Master key this side protects with.</summary>
    public ReadOnlySpan<byte> LocalMasterKey => localMasterKey;

    /// <summary>Master salt this side protects with.</summary>
    public ReadOnlySpan<byte> LocalMasterSalt => localMasterSalt;

    /// <summary>Master key the peer protects with.</summary>
    public ReadOnlySpan<byte> RemoteMasterKey => remoteMasterKey;

    /// <summary>Master salt the peer protects with.</summary>
    public ReadOnlySpan<byte> RemoteMasterSalt => remoteMasterSalt;

    /// <summary>
    /// Octets to export from DTLS with the label "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2):
    /// 2 * (key length + salt length), 60 for AES-CM and 56 for AES-128-GCM.
    /// </summary>
    public static int ExportLength(SrtpProfile profile) =>
        2 * (SrtpProfileParameters.MasterKeyLength(profile) + SrtpProfileParameters.MasterSaltLength(profile));

    /// <summary>
    /// Splits the exported keying material, laid out as
    /// client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt.
    /// </summary>
    /// <param name="profile">The negotiated protection profile.</param>
    /// <param name="exported">Exactly <see cref="ExportLength"/> octets.</param>
    /// <param name="isServer">True when this side is the DTLS server (<c>a=setup:passive</c>).</param>
    public static SrtpKeyingMaterial FromDtlsExport(SrtpProfile profile, ReadOnlySpan<byte> exported, bool isServer)
    {
        var keyLength = SrtpProfileParameters.MasterKeyLength(profile);
        var saltLength = SrtpProfileParameters.MasterSaltLength(profile);
        if (exported.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException($"{profile} needs {2 * (keyLength + saltLength)} octets of keying material, got {exported.Length}.", nameof(exported));
        }

        var clientKey = exported[..keyLength].ToArray();
        var serverKey = exported.Slice(keyLength, keyLength).ToArray();
        var clientSalt = exported.Slice(2 * keyLength, saltLength).ToArray();
        var serverSalt = exported.Slice((2 * keyLength) + saltLength, saltLength).ToArray();
        return isServer
            ? new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt)
            : new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt);
    }

    /// <summary>A session that protects what this side sends.</summary>
    public SrtpSession CreateLocalSession() => new(Profile, localMasterKey, localMasterSalt);

    /// <summary>A session that unprotects what the peer sends.</summary>
    public SrtpSession CreateRemoteSession() => new(Profile, remoteMasterKey, remoteMasterSalt);
}
