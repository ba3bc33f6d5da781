using System.Net.Security;

namespace PhonePlatform.Smpp;

/// <summary>Connection, bind and flow-control settings of one SMSC account.</summary>
public sealed class SmppClientOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>SMPP 3.4 §4.1.5 system_id (at most 15 characters).</summary>
    public required string SystemId { get; init; }

    /// <summary>SMPP 3.4 §4.1.5 password (at most 8 characters).</summary>
    public required string Password { get; init; }

    /// <summary>SMPP 3.4 §4.1.5 system_type (at most 12 characters).</summary>
    public string SystemType { get; init; } = string.Empty;

    /// <summary>Wrap the TCP connection in TLS (SslStream); <see cref="TlsOptions"/> sets the target host and validation.</summary>
    public bool UseTls { get; init; }

    public SslClientAuthenticationOptions? TlsOptions { get; init; }

    /// <summary>Requests in flight without a response; the SMSC's agreed window.</summary>
    public int WindowSize { get; init; } = 10;

    /// <summary>Time for a response (bind, submit_sm, enquire_link) before it counts as lost.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time (nothing received) after which we send enquire_link (SMPP 3.4 §4.11).</summary>
    public TimeSpan EnquireLinkInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>First pause after ESME_RTHROTTLED; doubles on each further throttle up to <see cref="ThrottleMaxDelay"/>.</summary>
    public TimeSpan ThrottleInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ThrottleMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a throttled submit_sm is retried before SmppClient.SubmitAsync returns ESME_RTHROTTLED.</summary>
    public int MaxThrottleRetries { get; init; } = 5;

    /// <summary>Largest PDU accepted from the SMSC; a longer command_length closes the link (SMPP 3.4 §3.2).</summary>
    public int MaxPduSize { get; init; } = 4096;

    /// <summary>How this carrier wants GSM 7-bit text in short_message.</summary>
    public Gsm7Packing Gsm7Packing { get; init; } = Gsm7Packing.Unpacked;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SystemId.Length, 15, nameof(SystemId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Password.Length, 8, nameof(Password));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SystemType.Length, 12, nameof(SystemType));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WindowSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPduSize, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxThrottleRetries);
    }
}
