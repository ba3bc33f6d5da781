using PhonePlatform.Crypto;

namespace PhonePlatform.Benchmarks.Crypto;

/// <summary>The local stack (key file in a temp folder, in-memory key store) with one warmed workspace.</summary>
internal sealed class CryptoBenchmarkStack : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "pp-bench-" + Guid.NewGuid().ToString("N"));
    private readonly LocalKeyProvider provider;

    public CryptoBenchmarkStack()
    {
        provider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(directory, "master.key") });
        Keyring = new WorkspaceKeyring(provider, new InMemoryWrappedKeyStore(), new WorkspaceKeyringOptions { CacheDuration = TimeSpan.FromHours(1) }, TimeProvider.System);
        Fields = new FieldCipher(Keyring);
        Blobs = new BlobCipher(Keyring);
    }

    public Guid Workspace { get; } = Guid.NewGuid();

    public WorkspaceKeyring Keyring { get; }

    public FieldCipher Fields { get; }

    public BlobCipher Blobs { get; }

    public Task WarmAsync() => Keyring.WarmAsync(Workspace);

    public void Dispose()
    {
        Keyring.Dispose();
        provider.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
