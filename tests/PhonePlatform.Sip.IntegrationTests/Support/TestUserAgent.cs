using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Sip.IntegrationTests.Support;

/// <summary>A minimal TU: REGISTER goes to the registrar, OPTIONS is answered 200, the rest 501.</summary>
public sealed class TestUserAgent(SipRegistrar? registrar = null) : ISipRequestHandler
{
    public List<SipRequest> Received { get; } = [];

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        lock (Received)
        {
            Received.Add(transaction.Request);
        }

        switch (transaction.Request.Method)
        {
            case SipMethods.Register when registrar is not null:
                await registrar.HandleAsync(transaction);
                break;
            case SipMethods.Options:
                var ok = transaction.CreateResponse(200);
                ok.Headers.Add(SipHeaderNames.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO");
                await transaction.RespondAsync(ok);
                break;
            default:
                await transaction.RespondAsync(501);
                break;
        }
    }
}
