namespace PhonePlatform.Media.Dtls;

/// <summary>A DTLS-SRTP handshake that did not complete, with the reason.</summary>
public sealed class DtlsHandshakeException : Exception
{
    public DtlsHandshakeException()
    {
    }

    public DtlsHandshakeException(string message)
        : base(message)
    {
    }

    public DtlsHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
