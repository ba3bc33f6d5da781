namespace PhonePlatform.Core.Messaging;

public enum MessageDirection
{
    Outbound,
    Inbound,
}
