using PhonePlatform.Crypto;

namespace PhonePlatform.Compliance.IntegrationTests.Support;

/// <summary>
/// A real blob store that, while a blob whose key contains <see cref="WatchedKeyPart"/> is being written, measures
/// the live managed heap (after a full collection) every 4 MiB of ciphertext it consumes, and keeps the peak.
/// </summary>
public sealed class HeapSamplingBlobStore(IBlobStore inner, string watchedKeyPart) : IBlobStore
{
    private const int SampleEvery = 4 << 20;

    public string WatchedKeyPart => watchedKeyPart;

    public long PeakLiveBytes { get; private set; }

    public int Samples { get; private set; }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        if (!key.Contains(watchedKeyPart, StringComparison.Ordinal))
        {
            await inner.PutAsync(key, content, cancellationToken);
            return;
        }

        await using var sampling = new SamplingStream(content, this);
        await inner.PutAsync(key, sampling, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    private void Sample()
    {
        PeakLiveBytes = Math.Max(PeakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
        Samples++;
    }

    private sealed class SamplingStream(Stream inner, HeapSamplingBlobStore owner) : Stream
    {
        private long sinceSample;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            sinceSample += read;
            if (sinceSample >= SampleEvery || read == 0)
            {
                sinceSample = 0;
                owner.Sample();
            }

            return read;
        }
    }
}
