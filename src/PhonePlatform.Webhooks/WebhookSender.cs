using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using PhonePlatform.Webhooks.Internal;

namespace PhonePlatform.Webhooks;

/// <summary>What one HTTP attempt came to.</summary>
public sealed record WebhookAttemptResult(int? StatusCode, TimeSpan Duration, string? Error, string? ResponseExcerpt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The Standard Webhooks spec: 410 Gone means the endpoint is gone for good; stop sending to it.</summary>
    public bool EndpointGone => StatusCode == 410;
}

/// <summary>
/// Sends one signed message: POST with <c>webhook-id</c>, <c>webhook-timestamp</c> (the attempt's time, Unix seconds)
/// and <c>webhook-signature</c> (one <c>v1,</c> signature per valid secret), through the pinned, SSRF-guarded handler,
/// within <see cref="WebhookOptions.Timeout"/> measured on the <see cref="TimeProvider"/>.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private const int ExcerptBytes = 4096;
    private readonly HttpClient client;
    private readonly WebhookOptions options;
    private readonly TimeProvider time;

    public WebhookSender(WebhookOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time;
        client = new HttpClient(PinnedConnector.CreateHandler(new DestinationPolicy(options.AllowLoopbackDestinations)))
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the attempt's own timeout runs on the TimeProvider
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PhonePlatform-Webhooks", "1.0"));
    }

    public async Task<WebhookAttemptResult> SendAsync(
        Uri url, string messageId, string body, IReadOnlyCollection<string> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Sign(secrets, messageId, timestamp, bytes));

        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var excerpt = await ReadExcerptAsync(response, linked.Token);
            return new WebhookAttemptResult((int)response.StatusCode, Stopwatch.GetElapsedTime(started), null, excerpt);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, Stopwatch.GetElapsedTime(started), $"timeout after {options.Timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException exception)
        {
            var refused = exception.InnerException as DestinationRefusedException;
            return new WebhookAttemptResult(null, Stopwatch.GetElapsedTime(started), Bounded(refused?.Message ?? exception.Message), null);
        }
    }

    public void Dispose() => client.Dispose();

    // Only the start of the body is read: a receiver cannot make the worker buffer an unbounded response.
    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ExcerptBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length <= Core.Webhooks.WebhookAttempt.ExcerptLength ? text : text[..Core.Webhooks.WebhookAttempt.ExcerptLength];
    }

    private static string Bounded(string message) => message.Length <= 500 ? message : message[..500];
}
