namespace PhonePlatform.Smpp;

/// <summary>The SMSC refused bind_transceiver (e.g. ESME_RBINDFAIL, ESME_RINVPASWD): retrying will not help until configuration changes.</summary>
public sealed class SmppBindException : Exception
{
    public SmppBindException()
    {
    }

    public SmppBindException(string message)
        : base(message)
    {
    }

    public SmppBindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmppBindException(CommandStatus status)
        : base($"bind_transceiver refused: {CommandStatusInfo.Name(status)}") => Status = status;

    public CommandStatus Status { get; } = CommandStatus.BindFailed;
}
