namespace PhonePlatform.Billing;

/// <summary>What the webhook did with a delivery: <see cref="Rejected"/> is a 400 (Stripe retries); the rest are 200.</summary>
public enum WebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
    Rejected,
}
