using Microsoft.Extensions.Options;
using PhonePlatform.Api.Cluster;
using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// Puts the B2BUA behind the process's one SIP stack (browsers over <c>/sip</c>, trunks over UDP/TCP): REGISTER stays
/// with the registrar, every other request goes to call control. On SIGTERM it drains before anything stops: new
/// calls and OPTIONS probes get 503, peers are told, and the calls in progress (and voicemail being stored) get up to
/// <c>Cluster:DrainTimeout</c> to end; then the node leaves the cluster.
/// </summary>
public sealed partial class GatewayHost(
    BrowserSipEdge edge, B2bua b2bua, GatewayNodeRegistry registry, IOptions<ClusterOptions> options, ILogger<GatewayHost> logger)
    : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        edge.Calls = b2bua;
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        b2bua.BeginDrain();
        LogDraining(logger, b2bua.CallsInProgress, options.Value.DrainTimeout);
        try
        {
            await registry.MarkDrainingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaveFailed(logger, ex); // Peers stop routing here anyway once the heartbeat goes stale.
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.DrainTimeout);
        if (!await b2bua.WaitForCallsToEndAsync(limit.Token))
        {
            LogDrainTimedOut(logger, b2bua.CallsInProgress);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        edge.Calls = null;
        await b2bua.DrainAsync().WaitAsync(cancellationToken);
        try
        {
            await registry.LeaveAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaveFailed(logger, ex);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway draining: {Calls} call(s) in progress, waiting up to {Limit}")]
    private static partial void LogDraining(ILogger logger, int calls, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway drain limit reached with {Calls} call(s) still in progress")]
    private static partial void LogDrainTimedOut(ILogger logger, int calls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update this gateway node's cluster record")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
