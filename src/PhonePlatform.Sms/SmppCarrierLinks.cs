using Microsoft.Extensions.Hosting;

namespace PhonePlatform.Sms;

/// <summary>Binds every SMPP carrier of the router in the background (each retrying on its own) and unbinds them on stop.</summary>
public sealed class SmppCarrierLinks(SmsCarrierRouter router) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(router.Carriers.Select(c => c.Carrier).OfType<SmppCarrier>()
            .Select(carrier => carrier.KeepBindingAsync(TimeSpan.FromSeconds(1), stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var carrier in router.Carriers.Select(c => c.Carrier).OfType<SmppCarrier>())
        {
            await carrier.DisposeAsync();
        }
    }
}
