namespace PhonePlatform.Media.Rtp;

/// <summary>One RFC 8285 header extension element: its local identifier and where its data lies in the packet.</summary>
public readonly record struct RtpHeaderExtensionElement(int Id, int Offset, int Length);
