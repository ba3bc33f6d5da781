namespace PhonePlatform.Smpp;

/// <summary>
/// SMPP 3.4 §5.3.2.31 network_error_code: the network type (1 = ANSI-136, 2 = IS-95, 3 = GSM, ...) and the
/// network-specific error code.
/// </summary>
public readonly record struct NetworkError(byte NetworkType, ushort ErrorCode);
