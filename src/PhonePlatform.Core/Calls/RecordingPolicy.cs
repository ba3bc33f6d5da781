namespace PhonePlatform.Core.Calls;

public enum RecordingPolicy
{
    Never = 0,
    Always = 1,

    /// <summary>A participant starts it during the call.</summary>
    OnDemand = 2,
}
