namespace PhonePlatform.Media.Stun;

/// <summary>STUN attribute types used by ICE (RFC 8489 §18.3, RFC 8445 §16.1).</summary>
public static class StunAttributeType
{
    public const ushort MappedAddress = 0x0001;
    public const ushort Username = 0x0006;
    public const ushort MessageIntegrity = 0x0008;
    public const ushort ErrorCode = 0x0009;
    public const ushort UnknownAttributes = 0x000A;
    public const ushort Realm = 0x0014;
    public const ushort Nonce = 0x0015;
    public const ushort MessageIntegritySha256 = 0x001C;
    public const ushort XorMappedAddress = 0x0020;
    public const ushort Priority = 0x0024;
    public const ushort UseCandidate = 0x0025;
    public const ushort Software = 0x8022;
    public const ushort Fingerprint = 0x8028;
    public const ushort IceControlled = 0x8029;
    public const ushort IceControlling = 0x802A;

    /// <summary>
    /// RFC 8489 §14: types 0x0000-0x7FFF are comprehension-required; an agent that does not understand one
    /// must reject the request with 420.
    /// </summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;
}
