namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>SMPP 3.4 §4 "Var. max" sizes of C-Octet String fields, NUL included.</summary>
internal static class FieldLimits
{
    public const int SystemId = 16;
    public const int Password = 9;
    public const int SystemType = 13;
    public const int AddressRange = 41;
    public const int ServiceType = 6;
    public const int Address = 21;
    public const int Time = 17;
    public const int MessageId = 65;

    /// <summary>SMPP 3.4 §4.4.1: sm_length 0 to 254 octets.</summary>
    public const int ShortMessage = 254;

    /// <summary>SMPP 3.4 §5.2.24: the interface version this client speaks.</summary>
    public const byte InterfaceVersion34 = 0x34;
}
