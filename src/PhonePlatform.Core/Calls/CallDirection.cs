namespace PhonePlatform.Core.Calls;

public enum CallDirection
{
    Inbound = 0,
    Outbound = 1,
}
