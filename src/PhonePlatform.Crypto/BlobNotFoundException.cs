namespace PhonePlatform.Crypto;

/// <summary>No blob exists under the requested key.</summary>
public sealed class BlobNotFoundException : IOException
{
    public BlobNotFoundException()
        : base("Blob not found.")
    {
    }

    public BlobNotFoundException(string message)
        : base(message)
    {
    }

    public BlobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
