using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms.Http;

/// <summary>
/// A carrier with a REST messaging API: one POST per message, authenticated per <see cref="HttpCarrierAuth"/>.
/// 2xx with a message id is accepted; 4xx (except 408 and 429) is a permanent refusal; 408, 429, 5xx, timeouts and
/// connection failures are transient (5xx and timeouts with an unknown outcome: the carrier may hold the message).
/// Receipts and inbound messages arrive through the carrier webhooks, not on this connection.
/// </summary>
public sealed class HttpSmsCarrier(HttpClient client, HttpCarrierOptions options, TimeProvider time) : ISmsCarrier
{
    private const int MaxAnswerBytes = 64 * 1024;

    public async Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var body = Encoding.UTF8.GetBytes(FillTemplate(submission, Guid.CreateVersion7().ToString("N")));
        using var request = new HttpRequestMessage(HttpMethod.Post, options.SendUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Authenticate(request, body);

        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var id = await ReadMessageIdAsync(response, linked.Token);
                return id is null ? new SubmitResult([], Error("NO_MESSAGE_ID", transient: true, unknown: true)) : new SubmitResult([id], null);
            }

            var transient = status is 408 or 429 or >= 500;
            return new SubmitResult([], Error("HTTP_" + status.ToString(CultureInfo.InvariantCulture), transient, unknown: status >= 500));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SubmitResult([], SubmitError.Timeout);
        }
        catch (HttpRequestException)
        {
            return new SubmitResult([], SubmitError.ConnectionLost);
        }
    }

    /// <summary>The template with each placeholder replaced by a JSON string, so message text can never break out of it.</summary>
    internal string FillTemplate(SmsSubmission submission, string reference) => options.BodyTemplate
        .Replace("{{to}}", JsonSerializer.Serialize("+" + submission.Destination.Address.TrimStart('+')), StringComparison.Ordinal)
        .Replace("{{from}}", JsonSerializer.Serialize(submission.Source.Ton == 5 ? submission.Source.Address : "+" + submission.Source.Address.TrimStart('+')), StringComparison.Ordinal)
        .Replace("{{text}}", JsonSerializer.Serialize(submission.Text), StringComparison.Ordinal)
        .Replace("{{reference}}", JsonSerializer.Serialize(reference), StringComparison.Ordinal);

    private void Authenticate(HttpRequestMessage request, byte[] body)
    {
        switch (options.Auth)
        {
            case HttpCarrierAuth.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                break;
            case HttpCarrierAuth.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
                break;
            case HttpCarrierAuth.Hmac:
                var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
                request.Headers.TryAddWithoutValidation(options.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation(options.SignatureHeader, HttpCarrierSignature.Compute(options.Secret ?? "", timestamp, body));
                break;
            default:
                break;
        }
    }

    private async Task<string?> ReadMessageIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var bounded = new MemoryStream();
        var buffer = new byte[8192];
        while (await stream.ReadAsync(buffer, cancellationToken) is var n and > 0)
        {
            if (bounded.Length + n > MaxAnswerBytes)
            {
                return null;
            }

            bounded.Write(buffer, 0, n);
        }

        try
        {
            using var document = JsonDocument.Parse(bounded.ToArray());
            var node = document.RootElement;
            foreach (var step in options.MessageIdPath.Split('.'))
            {
                node = node.ValueKind == JsonValueKind.Array && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength()
                    ? node[index]
                    : node.ValueKind == JsonValueKind.Object && node.TryGetProperty(step, out var child) ? child : default;
            }

            var id = node.ValueKind switch
            {
                JsonValueKind.String => node.GetString(),
                JsonValueKind.Number => node.GetRawText(),
                _ => null,
            };
            return id is { Length: > 0 and <= 65 } ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SubmitError Error(string name, bool transient, bool unknown) =>
        new(SubmitFailure.Rejected, transient ? CommandStatus.SystemError : CommandStatus.SubmitFailed, name, transient, unknown);
}
