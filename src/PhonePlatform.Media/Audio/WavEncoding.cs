namespace PhonePlatform.Media.Audio;

/// <summary>WAVE format tags this code reads and writes (RIFF "fmt " wFormatTag).</summary>
public enum WavEncoding : ushort
{
    /// <summary>WAVE_FORMAT_PCM, 16-bit little-endian samples.</summary>
    Pcm16 = 1,

    /// <summary>WAVE_FORMAT_ALAW, 8-bit G.711 A-law.</summary>
    ALaw = 6,

    /// <summary>WAVE_FORMAT_MULAW, 8-bit G.711 µ-law.</summary>
    MuLaw = 7,
}
