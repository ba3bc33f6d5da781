using Microsoft.AspNetCore.Http.HttpResults;
using PhonePlatform.Api.Problems;
using PhonePlatform.Sms.Http;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/carriers/{carrierId}/inbound</c> and <c>/status</c>: webhooks of REST SMS carriers. No caller: each request
/// is authenticated by the carrier's HMAC signature and a timestamp within the replay window, checked on the raw
/// bytes before any JSON is read. Refusals are problem documents and store nothing.
/// </summary>
public static class CarrierWebhookEndpoints
{
    /// <summary>Carrier webhooks are a few hundred bytes; anything near this is not one.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapCarrierWebhookEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var carriers = v1.MapGroup("/carriers/{carrierId}").WithTags("Carrier webhooks").AllowAnonymous();
        carriers.MapPost("/inbound", (string carrierId, HttpRequest request, CarrierWebhookVerifier verifier, CarrierWebhookIntake intake, CancellationToken ct) =>
            HandleAsync(carrierId, request, verifier, body => intake.InboundAsync(body, ct), ct));
        carriers.MapPost("/status", (string carrierId, HttpRequest request, CarrierWebhookVerifier verifier, CarrierWebhookIntake intake, CancellationToken ct) =>
            HandleAsync(carrierId, request, verifier, body => intake.StatusAsync(carrierId, body, ct), ct));
        return v1;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string carrierId, HttpRequest request, CarrierWebhookVerifier verifier, Func<ReadOnlyMemory<byte>, Task<CarrierWebhookOutcome>> accept,
        CancellationToken cancellationToken)
    {
        if (await ReadBoundedAsync(request, cancellationToken) is not { } body)
        {
            return new Failure(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Body too large", $"Carrier webhooks are at most {MaxBodyBytes} bytes.").ToResult();
        }

        var refusal = verifier.Verify(carrierId, request.Headers["X-Timestamp"].ToString(), request.Headers["X-Signature"].ToString(), body.Span);
        if (refusal == CarrierWebhookRefusal.UnknownCarrier)
        {
            return Failure.NotFound("Carrier").ToResult();
        }

        if (refusal != CarrierWebhookRefusal.None)
        {
            var detail = refusal == CarrierWebhookRefusal.StaleTimestamp
                ? "X-Timestamp is missing, malformed or outside the replay window."
                : "X-Signature does not match the body.";
            return new Failure(StatusCodes.Status401Unauthorized, "invalid-signature", "Signature not valid", detail).ToResult();
        }

        return await accept(body) switch
        {
            CarrierWebhookOutcome.Accepted => TypedResults.NoContent(),
            CarrierWebhookOutcome.UnknownNumber => Failure.NotFound("Destination number").ToResult(),
            CarrierWebhookOutcome.UnknownMessage => Failure.NotFound("Message").ToResult(),
            _ => new Failure(StatusCodes.Status400BadRequest, "invalid-json", "Body not valid", "The body is not the carrier webhook JSON this endpoint takes.").ToResult(),
        };
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (await request.Body.ReadAsync(chunk, cancellationToken) is var n and > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
