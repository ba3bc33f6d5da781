namespace PhonePlatform.Smpp;

/// <summary>
/// A mobile-originated message (deliver_sm, SMPP 3.4 §4.6.1). A part of a concatenated message carries its
/// <see cref="Concatenation"/>; reassembly belongs to the caller, which owns storage.
/// </summary>
public sealed record InboundMessage(
    SmppAddress Source,
    SmppAddress Destination,
    string Text,
    byte DataCoding,
    ReadOnlyMemory<byte> ShortMessage,
    ConcatenationInfo? Concatenation);

/// <summary>3GPP TS 23.040 §9.2.3.24.1 concatenation: reference, total parts, this part's 1-based number.</summary>
public readonly record struct ConcatenationInfo(int Reference, int Total, int Number);
