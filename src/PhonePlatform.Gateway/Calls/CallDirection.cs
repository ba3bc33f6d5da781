namespace PhonePlatform.Gateway.Calls;

public enum CallDirection
{
    Inbound,
    Outbound,
}
