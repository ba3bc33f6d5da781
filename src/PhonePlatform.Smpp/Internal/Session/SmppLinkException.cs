namespace PhonePlatform.Smpp.Internal.Session;

/// <summary>The link closed. <see cref="WasSent"/> says whether the request reached the outbound queue (then its outcome is unknown).</summary>
internal sealed class SmppLinkException : Exception
{
    public SmppLinkException()
    {
    }

    public SmppLinkException(string message)
        : base(message)
    {
    }

    public SmppLinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmppLinkException(string message, bool wasSent)
        : base(message) => WasSent = wasSent;

    public bool WasSent { get; }
}

/// <summary>The SMSC answered with a response PDU that does not decode (SMPP 3.4 §3.2/§4); its status says what was wrong.</summary>
internal sealed class MalformedPduException : Exception
{
    public MalformedPduException()
    {
    }

    public MalformedPduException(string message)
        : base(message)
    {
    }

    public MalformedPduException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MalformedPduException(CommandStatus status)
        : base($"malformed response: {CommandStatusInfo.Name(status)}") => Status = status;

    public CommandStatus Status { get; } = CommandStatus.UnknownError;
}
