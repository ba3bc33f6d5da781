namespace PhonePlatform.Media.Stun;

/// <summary>STUN message types (RFC 8489 §5: method and class interleaved in 14 bits).</summary>
public static class StunMessageType
{
    /// <summary>Binding request (method 0x001, class request).</summary>
    public const ushort BindingRequest = 0x0001;

    /// <summary>Binding indication (method 0x001, class indication).</summary>
    public const ushort BindingIndication = 0x0011;

    /// <summary>Binding success response (method 0x001, class success).</summary>
    public const ushort BindingSuccessResponse = 0x0101;

    /// <summary>Binding error response (method 0x001, class error).</summary>
    public const ushort BindingErrorResponse = 0x0111;
}
