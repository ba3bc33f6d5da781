using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhonePlatform.Sms.Internal;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// An SMPP 3.4 carrier: one <see cref="SmppClient"/> link whose receipts (tagged with the carrier's name) and inbound
/// messages feed <see cref="SmsIngress"/>, paced to the account's agreed throughput.
/// </summary>
public sealed class SmppCarrier : ISmsCarrier, IAsyncDisposable
{
    private readonly SmppClient client;
    private readonly TokenBucketRateLimiter? pacing;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly int tokenLimit;

    public SmppCarrier(string name, SmppClientOptions options, SmsIngress ingress, int submitsPerSecond = 0, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(ingress);
        Name = name;
        this.logger = logger ?? NullLogger.Instance;
        time = timeProvider ?? TimeProvider.System;
        client = new SmppClient(options, timeProvider);
        // deliver_sm_resp waits for these: a receipt or inbound message is stored before the SMSC sees it acknowledged.
        client.StoreDeliveryReceipt = receipt => new ValueTask(ingress.StoreAsync(new CarrierReceipt(name, receipt)));
        client.StoreInboundMessage = message => new ValueTask(ingress.StoreAsync(message));
        client.LinkStateChanged += (_, change) => SmsLog.CarrierLink(this.logger, name, change.IsUp, change.Reason);
        tokenLimit = submitsPerSecond;
        if (submitsPerSecond > 0)
        {
            pacing = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = submitsPerSecond,
                TokensPerPeriod = Math.Max(1, submitsPerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = int.MaxValue,
                AutoReplenishment = true,
            });
        }
    }

    public string Name { get; }

    public bool IsAvailable => client.IsBound;

    /// <summary>Why the last bind attempt failed (shown in logs and readiness), or null once bound.</summary>
    public string? LastBindError { get; private set; }

    /// <summary>Builds the carrier from its configuration.</summary>
    public static SmppCarrier FromOptions(string name, SmsCarrierOptions options, SmsIngress ingress, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            SystemType = options.SystemType,
            UseTls = options.UseTls,
            TlsOptions = options.UseTls ? new SslClientAuthenticationOptions { TargetHost = options.TlsTargetHost ?? options.Host } : null,
            WindowSize = options.WindowSize,
            RequestTimeout = options.RequestTimeout,
            EnquireLinkInterval = options.EnquireLinkInterval,
            ReconnectInitialDelay = options.ReconnectInitialDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
        };
        return new SmppCarrier(name, client, ingress, options.SubmitsPerSecond, logger, timeProvider);
    }

    /// <summary>Connects and binds once; throws <see cref="SmppBindException"/> when the SMSC refuses the account.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => client.StartAsync(cancellationToken);

    /// <summary>
    /// Binds, retrying with backoff (1 s doubling to 1 min) until it succeeds or <paramref name="cancellationToken"/>
    /// ends. A refused bind (wrong credentials) is logged as an error naming the carrier; messages stay queued in the
    /// outbox meanwhile (the router fails over to another carrier if one is up). Once bound, the client keeps the link.
    /// </summary>
    public async Task KeepBindingAsync(TimeSpan initialDelay, CancellationToken cancellationToken)
    {
        var delay = initialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await client.StartAsync(cancellationToken);
                LastBindError = null;
                return;
            }
            catch (SmppBindException exception)
            {
                LastBindError = $"bind refused: {exception.Message}";
                SmsLog.BindRefused(logger, Name, exception.Message);
            }
            catch (Exception exception) when (exception is SocketException or IOException or TimeoutException or AuthenticationException)
            {
                LastBindError = $"unreachable: {exception.Message}";
                SmsLog.CarrierUnreachable(logger, Name, exception.Message);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    public async Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (pacing is not null)
        {
            // One token per segment (each is a submit_sm); a message longer than the bucket takes the whole bucket.
            var segments = Math.Clamp(SmsEncoder.Plan(submission.Text).Segments, 1, tokenLimit);
            using var lease = await pacing.AcquireAsync(segments, cancellationToken);
        }

        return await client.SubmitAsync(submission, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        pacing?.Dispose();
    }
}
