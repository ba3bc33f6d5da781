namespace PhonePlatform.Media.Codecs;

/// <summary>The two companding laws of ITU-T G.711, valued as their static RTP payload types (RFC 3551 §6).</summary>
public enum G711Law
{
    /// <summary>µ-law, PCMU, payload type 0.</summary>
    MuLaw = 0,

    /// <summary>A-law, PCMA, payload type 8.</summary>
    ALaw = 8,
}
