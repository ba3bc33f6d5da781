namespace PhonePlatform.Smpp;

/// <summary>How a text travels: the GSM 03.38 default alphabet (data_coding 0x00) or UCS-2 / UTF-16BE (data_coding 0x08).</summary>
public enum SmsEncoding
{
    Gsm7 = 0,
    Ucs2 = 8,
}
