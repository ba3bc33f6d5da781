using System.Security.Cryptography;

namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Random 96-bit nonces for the field hot path. Asking the OS CSPRNG for 12 bytes costs microseconds per call (more
/// than the encryption itself), so each thread draws 4 KiB at a time and hands it out in slices. The bytes come from
/// the same CSPRNG and are used once; nonces are public, so holding them briefly in memory reveals nothing.
/// </summary>
internal static class NonceSource
{
    private const int BatchSize = 4096;

    [ThreadStatic]
    private static byte[]? batch;

    [ThreadStatic]
    private static int used;

    public static void Fill(Span<byte> nonce)
    {
        var buffer = batch;
        if (buffer is null)
        {
            buffer = batch = new byte[BatchSize];
            used = BatchSize;
        }

        if (BatchSize - used < nonce.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            used = 0;
        }

        var slice = buffer.AsSpan(used, nonce.Length);
        slice.CopyTo(nonce);
        slice.Clear();
        used += nonce.Length;
    }
}
