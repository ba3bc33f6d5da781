using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class EnvelopeEncryptionRegistrationTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task AddEnvelopeEncryption_Defaults_UseLocalKeyFileAndLocalFolder()
    {
        await using var services = Build(new()
        {
            ["Encryption:Local:MasterKeyPath"] = directory.Combine("keys", "master.key"),
            ["Storage:BlobFolder"] = directory.Combine("blobs"),
        });
        var workspace = Guid.NewGuid();
        var context = new FieldContext("note", "1", "body");

        var fields = services.GetRequiredService<FieldCipher>();
        var blobs = services.GetRequiredService<EncryptedBlobStore>();
        var ciphertext = await fields.EncryptAsync(workspace, context, "hello");
        await blobs.PutAsync(workspace, "exports/a.csv", new MemoryStream("a,b"u8.ToArray()));

        Assert.IsType<LocalKeyProvider>(services.GetRequiredService<IKeyProvider>());
        Assert.IsType<LocalFolderBlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.True(File.Exists(directory.Combine("keys", "master.key")));
        Assert.Equal("hello", await fields.DecryptStringAsync(workspace, context, ciphertext));
        Assert.Single(Directory.GetFiles(directory.Combine("blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AddEnvelopeEncryption_AwsKmsAndS3_ResolvesThoseImplementations()
    {
        await using var kms = new LocalKmsServer();
        await using var services = Build(new()
        {
            ["Encryption:KeyProvider"] = "aws-kms",
            ["Encryption:AwsKms:KeyId"] = LocalKmsServer.Alias,
            ["Encryption:AwsKms:ServiceUrl"] = kms.ServiceUrl.ToString(),
            ["Encryption:AwsKms:AccessKeyId"] = "AKIDLOCALTEST",
            ["Encryption:AwsKms:SecretAccessKey"] = "secret",
            ["Storage:Blobs:Provider"] = "s3",
            ["Storage:Blobs:S3:Bucket"] = "b",
            ["Storage:Blobs:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Storage:Blobs:S3:ForcePathStyle"] = "true",
            ["Encryption:KeyCacheDuration"] = "00:01:00",
        });

        var version = await services.GetRequiredService<WorkspaceKeyring>().GetCurrentVersionAsync(Guid.NewGuid());

        Assert.IsType<AwsKmsKeyProvider>(services.GetRequiredService<IKeyProvider>());
        Assert.IsType<S3BlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.Equal(1, version);
        Assert.Equal(1, kms.Calls["TrentService.GenerateDataKey"]);
    }

    [Fact]
    public void AddEnvelopeEncryption_UnknownKeyProvider_FailsAtStartup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Encryption:KeyProvider"] = "vault" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEnvelopeEncryption(configuration));
        Assert.Contains("vault", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Blobs:Provider", "ftp", "Storage:Blobs:Provider")]
    [InlineData("Storage:Blobs:Provider", "s3", "Storage:Blobs:S3:Bucket")]
    public void AddPlatformBlobStore_Misconfigured_FailsWhenResolvedNamingTheSetting(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddPlatformBlobStore(configuration).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IBlobStore>());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEnvelopeEncryption_AwsKmsWithoutKeyId_FailsAtStartup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Encryption:KeyProvider"] = "aws-kms" })
            .Build();

        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEnvelopeEncryption(configuration));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddEnvelopeEncryption(configuration)
            .AddInMemoryWrappedKeyStore()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
