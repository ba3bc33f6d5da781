using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Auth;

/// <summary>Sends a request and, when challenged with 401/407, once more with digest credentials (RFC 3261 §22.2).</summary>
public static class SipAuthenticatingClient
{
    public static async Task<SipClientTransaction> SendAsync(SipStack stack, SipRequest request, SipEndPoint destination, string? username, string? password)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var transaction = await stack.SendRequestAsync(request, destination);
        var response = await transaction.FinalResponse;
        if (response.StatusCode is not (401 or 407) || username is null || password is null)
        {
            return transaction;
        }

        var retry = SipDigestClient.Authorize(transaction.Request, response, username, password);
        return retry is null ? transaction : await stack.SendRequestAsync(retry, destination);
    }
}
