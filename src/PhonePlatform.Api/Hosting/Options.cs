namespace PhonePlatform.Api.Hosting;

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan StepUpLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public int MaxFailedLogins { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login, sign-up and step-up attempts allowed per client IP per minute.</summary>
    public int AttemptsPerMinutePerIp { get; set; } = 10;
}

/// <summary>Section <c>Storage</c>: embedded defaults for a single machine, read by the crypto and blob parts.</summary>
public sealed class StorageOptions
{
    public string KeyFile { get; set; } = ".data/keys/local-master.key";
    public string BlobFolder { get; set; } = ".data/blobs";
}

/// <summary>Section <c>Tls</c>.</summary>
public sealed class TlsOptions
{
    /// <summary>When set and Kestrel has no certificate, a self-signed localhost certificate is created/loaded here.</summary>
    public string? SelfSignedCertificatePath { get; set; }
}

/// <summary>Section <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public string ServiceName { get; set; } = "phoneplatform-api";

    /// <summary>OTLP endpoint (e.g. http://collector:4317); exporters are off when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve Prometheus text at <c>/metrics</c>; keep it on an internal network.</summary>
    public bool PrometheusScrapeEndpoint { get; set; } = true;
}
