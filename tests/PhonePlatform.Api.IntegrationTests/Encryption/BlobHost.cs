using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Crypto;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

/// <summary>
/// The API host (fake clock, own database) with its key file and local blob folder in a temp directory, and
/// whatever blob-store settings a test adds.
/// </summary>
internal sealed class BlobHost : IAsyncDisposable
{
    private readonly TempDirectory folder = new();

    private BlobHost() => Factory = new ApiFactory();

    public ApiFactory Factory { get; }

    public ApiDriver Driver => new(Factory);

    public string BlobFolder => folder.Combine("blobs");

    public IWorkspaceBlobs Blobs => Factory.Services.GetRequiredService<IWorkspaceBlobs>();

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public static async Task<BlobHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new BlobHost();
        host.Factory.Settings["Storage:KeyFile"] = host.folder.Combine("keys", "master.key");
        host.Factory.Settings["Storage:BlobFolder"] = host.BlobFolder;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            host.Factory.Settings[key] = value;
        }

        await host.Factory.InitializeAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        folder.Dispose();
    }
}
