using Microsoft.Extensions.Options;

using PhonePlatform.Billing.Internal;

namespace PhonePlatform.Billing;

/// <summary>Creates the Stripe client on first use, so a host without billing settings starts and answers 503 on billing calls only.</summary>
public sealed class StripeConnection(IOptions<BillingOptions> options, IHttpClientFactory http)
{
    public const string HttpClientName = "stripe";
    private StripeApi? api;

    internal StripeApi Api => api ??= new StripeApi(options.Value, http.CreateClient(HttpClientName));
}
