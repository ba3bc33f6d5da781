namespace PhonePlatform.Billing;

/// <summary>What the caller asked cannot be done (unknown plan, billing not configured, no customer yet).</summary>
public sealed class BillingException : Exception
{
    public BillingException()
    {
    }

    public BillingException(string message)
        : base(message)
    {
    }

    public BillingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
