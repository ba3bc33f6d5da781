using Microsoft.Extensions.Time.Testing;

namespace PhonePlatform.Crypto.Tests.Support;

/// <summary>A complete local stack: key file in a temp folder, in-memory key store, fake clock.</summary>
public sealed class CryptoFixture : IDisposable
{
    private readonly TempDirectory directory = new();

    public CryptoFixture(IKeyProvider? provider = null, TimeSpan? cacheDuration = null, int chunkSize = BlobCipher.DefaultChunkSize)
    {
        Provider = provider ?? new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = directory.Combine("keys", "master.key") });
        Keyring = new WorkspaceKeyring(Provider, Store, new WorkspaceKeyringOptions { CacheDuration = cacheDuration ?? TimeSpan.FromMinutes(5) }, Time);
        Fields = new FieldCipher(Keyring);
        Blobs = new BlobCipher(Keyring, chunkSize);
        Index = new BlindIndex(Keyring);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public InMemoryWrappedKeyStore Store { get; } = new();

    public IKeyProvider Provider { get; }

    public WorkspaceKeyring Keyring { get; }

    public FieldCipher Fields { get; }

    public BlobCipher Blobs { get; }

    public BlindIndex Index { get; }

    public string DirectoryPath => directory.Path;

    public void Dispose()
    {
        Keyring.Dispose();
        (Provider as IDisposable)?.Dispose();
        directory.Dispose();
    }
}
