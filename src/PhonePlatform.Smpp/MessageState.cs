namespace PhonePlatform.Smpp;

/// <summary>SMPP 3.4 §5.2.28 message_state, also the "stat:" word of an Appendix B delivery receipt.</summary>
public enum MessageState
{
    Unknown = 0,
    Enroute = 1,
    Delivered = 2,
    Expired = 3,
    Deleted = 4,
    Undeliverable = 5,
    Accepted = 6,
    Rejected = 8,
}
