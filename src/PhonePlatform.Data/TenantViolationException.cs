namespace PhonePlatform.Data;

/// <summary>Thrown when code tries to write a record into a workspace other than the current one.</summary>
public sealed class TenantViolationException : InvalidOperationException
{
    public TenantViolationException()
    {
    }

    public TenantViolationException(string message)
        : base(message)
    {
    }

    public TenantViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
