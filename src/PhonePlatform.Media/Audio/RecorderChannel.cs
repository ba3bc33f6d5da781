namespace PhonePlatform.Media.Audio;

/// <summary>Which side of the stereo recording a direction of the call goes to.</summary>
public enum RecorderChannel
{
    Left = 0,
    Right = 1,
}
