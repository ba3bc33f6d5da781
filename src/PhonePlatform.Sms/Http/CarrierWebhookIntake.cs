using System.Text.Json;
using System.Text.Json.Serialization;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms.Http;

/// <summary>What became of a carrier webhook.</summary>
public enum CarrierWebhookOutcome
{
    Accepted,
    InvalidBody,
    UnknownNumber,
    UnknownMessage,
}

/// <summary>
/// Turns verified carrier webhooks into the same calls the SMPP carrier's deliver_sm makes: an inbound message goes
/// to <see cref="InboundProcessor"/>, a delivery status to <see cref="ReceiptProcessor"/>. Bodies are strict JSON:
/// inbound <c>{"from","to","text"}</c>, status <c>{"messageId","status":"delivered|failed|expired|rejected|…","errorCode"?}</c>;
/// unknown members, missing fields and non-E.164 numbers are refused.
/// </summary>
public sealed class CarrierWebhookIntake(InboundProcessor inbound, ReceiptProcessor receipts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 8,
    };

    private sealed record InboundBody(string From, string To, string Text);

    private sealed record StatusBody(string MessageId, string Status, string? ErrorCode = null);

    public async Task<CarrierWebhookOutcome> InboundAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Parse<InboundBody>(body) is not { } message || !IsE164(message.From) || !IsE164(message.To) || message.Text.Length > 1600)
        {
            return CarrierWebhookOutcome.InvalidBody;
        }

        var stored = await inbound.ProcessAsync(
            new InboundMessage(SmppAddress.International(message.From), SmppAddress.International(message.To), message.Text, 0, ReadOnlyMemory<byte>.Empty, null),
            cancellationToken);
        return stored is null ? CarrierWebhookOutcome.UnknownNumber : CarrierWebhookOutcome.Accepted;
    }

    public async Task<CarrierWebhookOutcome> StatusAsync(string carrierId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Parse<StatusBody>(body) is not { } status || status.MessageId.Length is 0 or > 65 || StateOf(status.Status) is not { } state)
        {
            return CarrierWebhookOutcome.InvalidBody;
        }

        var none = new SmppAddress("", 0, 0);
        var receipt = new DeliveryReceipt(status.MessageId, state, status.ErrorCode, null, null, null, none, none, "");
        return await receipts.ApplyAsync(new CarrierReceipt(carrierId, receipt), cancellationToken) ? CarrierWebhookOutcome.Accepted : CarrierWebhookOutcome.UnknownMessage;
    }

    private static T? Parse<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsE164(string value) =>
        value.Length is >= 3 and <= 16 && value[0] == '+' && value[1] != '0' && value.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;

    private static MessageState? StateOf(string status) => status.ToLowerInvariant() switch
    {
        "delivered" => MessageState.Delivered,
        "failed" or "undeliverable" => MessageState.Undeliverable,
        "expired" => MessageState.Expired,
        "rejected" => MessageState.Rejected,
        "deleted" => MessageState.Deleted,
        "sent" or "enroute" or "queued" or "accepted" => MessageState.Enroute,
        _ => null,
    };
}
