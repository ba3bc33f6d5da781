using System.Text;
using System.Text.Json;

namespace PhonePlatform.Webhooks;

/// <summary>The body of a webhook message, as the Standard Webhooks spec suggests: <c>{"type", "timestamp", "data"}</c>.</summary>
public static class WebhookPayload
{
    public static string Build(string type, DateTimeOffset occurredAt, string dataJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", occurredAt.UtcDateTime);
            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
