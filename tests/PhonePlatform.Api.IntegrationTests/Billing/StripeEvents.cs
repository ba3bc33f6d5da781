using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Stripe;

namespace PhonePlatform.Api.IntegrationTests.Billing;

/// <summary>Stripe webhook events in the API's JSON shape, signed as Stripe signs them (<c>t=…,v1=HMAC-SHA256(secret, "t.payload")</c>).</summary>
internal static class StripeEvents
{
    public const string WebhookSecret = "whsec_phoneplatform_test_secret";

    public static string Signature(string payload, DateTimeOffset at, string secret = WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string Subscription(string eventId, string type, DateTimeOffset created, Guid workspaceId, string customerId, string status, int quantity, string itemId = "si_test_1") =>
        Event(eventId, type, created, $$$"""
            {"id":"sub_test_1","object":"subscription","customer":"{{{customerId}}}","status":"{{{status}}}","livemode":false,
             "created":{{{created.ToUnixTimeSeconds()}}},"start_date":{{{created.ToUnixTimeSeconds()}}},"cancel_at_period_end":false,
             "metadata":{"workspace_id":"{{{workspaceId}}}","plan":"business"},
             "items":{"object":"list","has_more":false,"url":"/v1/subscription_items?subscription=sub_test_1","data":[
               {"id":"{{{itemId}}}","object":"subscription_item","quantity":{{{quantity}}},"subscription":"sub_test_1",
                "created":{{{created.ToUnixTimeSeconds()}}},"current_period_start":{{{created.ToUnixTimeSeconds()}}},
                "current_period_end":{{{created.AddDays(30).ToUnixTimeSeconds()}}},
                "price":{"id":"price_business","object":"price","unit_amount":1500,"currency":"usd","recurring":{"interval":"month"} } } ]}}
            """);

    public static string Invoice(string eventId, string type, DateTimeOffset created, Guid workspaceId, string customerId) =>
        Event(eventId, type, created, $$$"""
            {"id":"in_test_1","object":"invoice","customer":"{{{customerId}}}","status":"{{{(type == "invoice.paid" ? "paid" : "open")}}}","livemode":false,
             "created":{{{created.ToUnixTimeSeconds()}}},"amount_due":3000,"currency":"usd",
             "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_test_1","metadata":{"workspace_id":"{{{workspaceId}}}","plan":"business"} } } }
            """);

    private static string Event(string id, string type, DateTimeOffset created, string dataObject) => $$$"""
        {"id":"{{{id}}}","object":"event","api_version":"{{{StripeConfiguration.ApiVersion}}}","created":{{{created.ToUnixTimeSeconds()}}},
         "livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"{{{type}}}",
         "data":{"object":{{{dataObject}}}}}
        """;
}
