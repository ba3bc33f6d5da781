namespace PhonePlatform.Smpp;

/// <summary>
/// How GSM 7-bit septets are laid into short_message. Most SMSCs expect one septet per octet over SMPP and pack
/// for the air interface themselves; some carriers want the 3GPP TS 23.038 packed form.
/// </summary>
public enum Gsm7Packing
{
    Unpacked = 0,
    Packed = 1,
}
