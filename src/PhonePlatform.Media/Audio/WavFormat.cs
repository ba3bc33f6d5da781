namespace PhonePlatform.Media.Audio;

/// <summary>The audio format of a WAV stream.</summary>
public sealed record WavFormat(WavEncoding Encoding, int SampleRate, int Channels)
{
    public int BitsPerSample => Encoding == WavEncoding.Pcm16 ? 16 : 8;

    /// <summary>Octets per sample frame (one sample of every channel).</summary>
    public int BlockAlign => Channels * BitsPerSample / 8;

    public int ByteRate => SampleRate * BlockAlign;

    public static WavFormat Telephony(WavEncoding encoding, int channels = 1) => new(encoding, 8000, channels);
}
