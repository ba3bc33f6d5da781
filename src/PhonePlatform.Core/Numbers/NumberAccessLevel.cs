namespace PhonePlatform.Core.Numbers;

/// <summary>How far a member may go with a number.</summary>
public enum NumberAccessLevel
{
    /// <summary>Need-to-know: sees the number and its history.</summary>
    View = 0,

    /// <summary>Need-to-do: also places calls and sends messages from it.</summary>
    Use = 1,
}
