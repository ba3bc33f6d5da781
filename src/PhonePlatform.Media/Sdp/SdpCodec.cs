namespace PhonePlatform.Media.Sdp;

/// <summary>An audio codec as SDP names it; <see cref="PayloadType"/> is the static one (RFC 3551 §6) or the offer's.</summary>
public sealed record SdpCodec(int PayloadType, string EncodingName, int ClockRate)
{
    /// <summary>G.711 µ-law, static payload type 0.</summary>
    public static readonly SdpCodec Pcmu = new(0, "PCMU", 8000);

    /// <summary>G.711 A-law, static payload type 8.</summary>
    public static readonly SdpCodec Pcma = new(8, "PCMA", 8000);

    /// <summary>RFC 4733 telephone events at 8 kHz; 101 is the customary dynamic payload type toward trunks.</summary>
    public static readonly SdpCodec TelephoneEvent = new(101, "telephone-event", 8000);
}
