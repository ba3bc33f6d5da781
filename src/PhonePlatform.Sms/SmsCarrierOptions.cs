namespace PhonePlatform.Sms;

/// <summary>
/// One SMPP carrier account, configured under <c>Sms:Carriers:&lt;name&gt;</c> (env
/// <c>PHONEPLATFORM__Sms__Carriers__primary__Password</c>; keep the password out of files).
/// </summary>
public sealed class SmsCarrierOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 2775;

    public string SystemId { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string SystemType { get; set; } = string.Empty;

    /// <summary>TLS to the SMSC (certificate validated against <see cref="Host"/> unless <see cref="TlsTargetHost"/> is set).</summary>
    public bool UseTls { get; set; }

    public string? TlsTargetHost { get; set; }

    /// <summary>submit_sm requests in flight without a response (the window agreed with the carrier).</summary>
    public int WindowSize { get; set; } = 100;

    /// <summary>Segments per second this account may submit (the carrier's agreed throughput); 0 = unlimited.</summary>
    public int SubmitsPerSecond { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}
