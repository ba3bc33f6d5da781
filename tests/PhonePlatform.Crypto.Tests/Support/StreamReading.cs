using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Tests.Support;

public static class StreamReading
{
    /// <summary>Reads to the end in reads of <paramref name="bufferSize"/> bytes (small sizes exercise partial reads).</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, int bufferSize = 4096)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }

    public static byte[] ReadAll(Stream stream, int bufferSize = 4096)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }

    /// <summary>Reads to the end without keeping the bytes; returns their count and SHA-256.</summary>
    public static async Task<(long Count, byte[] Hash)> HashAllAsync(Stream stream, int bufferSize = 81920)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[bufferSize];
        long count = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            count += read;
        }

        return (count, hash.GetCurrentHash());
    }
}
