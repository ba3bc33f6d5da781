using System.Net;
using PhonePlatform.Webhooks.Internal;

namespace PhonePlatform.Webhooks;

/// <summary>
/// What a subscription URL may be: absolute https without user info; plain http only to localhost/127.0.0.1 when
/// <see cref="WebhookOptions.AllowLoopbackDestinations"/> is set (tests). An address literal must be a public one;
/// names are checked again at each connection (<see cref="Internal.PinnedConnector"/>), where DNS is resolved.
/// </summary>
public sealed class WebhookUrlPolicy(WebhookOptions options)
{
    public const int MaxLength = 2048;

    /// <summary>Null when the URL is acceptable; otherwise why not.</summary>
    public string? Check(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"Give an absolute https URL of at most {MaxLength} characters.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The URL must not carry credentials; verify the webhook signature instead.";
        }

        var loopbackHost = uri.Host is "localhost" or "127.0.0.1";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopbackHost && options.AllowLoopbackDestinations))
        {
            return "The URL must use https.";
        }

        var policy = new DestinationPolicy(options.AllowLoopbackDestinations);
        if (loopbackHost ? !options.AllowLoopbackDestinations : IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && !policy.IsAllowed(literal))
        {
            return "The URL must point to a public address.";
        }

        return null;
    }
}
