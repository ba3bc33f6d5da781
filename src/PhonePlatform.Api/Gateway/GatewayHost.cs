using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// Puts the B2BUA behind the process's one SIP stack (browsers over <c>/sip</c>, trunks over UDP/TCP): REGISTER stays
/// with the registrar, every other request goes to call control. On shutdown, waits for voicemail being stored.
/// </summary>
public sealed class GatewayHost(BrowserSipEdge edge, B2bua b2bua) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        edge.Calls = b2bua;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        edge.Calls = null;
        await b2bua.DrainAsync().WaitAsync(cancellationToken);
    }
}
