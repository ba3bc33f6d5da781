using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

/// <summary>The aws-kms provider through the real AWS SDK against a local KMS-protocol endpoint.</summary>
public sealed class AwsKmsKeyProviderTests : IAsyncDisposable
{
    private readonly LocalKmsServer kms = new();

    public ValueTask DisposeAsync() => kms.DisposeAsync();

    [Fact]
    public async Task GenerateThenDecrypt_SameWorkspace_ReturnsSameKey()
    {
        using var provider = new AwsKmsKeyProvider(kms.ProviderOptions());
        var workspace = Guid.NewGuid();

        using var generated = await provider.GenerateDataKeyAsync(workspace);
        using var unwrapped = await provider.DecryptDataKeyAsync(workspace, generated.WrappedKey);

        Assert.Equal(32, generated.Plaintext.Length);
        Assert.True(generated.Plaintext.Span.SequenceEqual(unwrapped.Span));
        Assert.Equal(1, kms.Calls["TrentService.GenerateDataKey"]);
        Assert.Equal(1, kms.Calls["TrentService.Decrypt"]);
    }

    [Fact]
    public async Task Decrypt_OtherWorkspaceContext_KmsRefuses()
    {
        using var provider = new AwsKmsKeyProvider(kms.ProviderOptions());
        using var generated = await provider.GenerateDataKeyAsync(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => provider.DecryptDataKeyAsync(Guid.NewGuid(), generated.WrappedKey));
        Assert.IsType<Amazon.KeyManagementService.Model.InvalidCiphertextException>(error.InnerException);
    }

    [Fact]
    public async Task Decrypt_DamagedBlob_KmsRefuses()
    {
        using var provider = new AwsKmsKeyProvider(kms.ProviderOptions());
        var workspace = Guid.NewGuid();
        using var generated = await provider.GenerateDataKeyAsync(workspace);
        var wrapped = generated.WrappedKey.ToArray();
        wrapped[^5] ^= 0x01;

        await Assert.ThrowsAsync<DecryptionFailedException>(() => provider.DecryptDataKeyAsync(workspace, wrapped));
    }

    [Fact]
    public async Task Decrypt_NamingAnotherKey_KmsRefuses()
    {
        using var provider = new AwsKmsKeyProvider(kms.ProviderOptions());
        using var otherKey = new AwsKmsKeyProvider(kms.ProviderOptions(keyId: "alias/someone-else"));
        var workspace = Guid.NewGuid();
        using var generated = await provider.GenerateDataKeyAsync(workspace);

        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => otherKey.DecryptDataKeyAsync(workspace, generated.WrappedKey));
        Assert.IsType<Amazon.KeyManagementService.Model.IncorrectKeyException>(error.InnerException);
    }

    [Fact]
    public async Task FieldCipher_OverKms_UnwrapsOncePerCacheDuration()
    {
        var provider = new AwsKmsKeyProvider(kms.ProviderOptions());
        using var crypto = new CryptoFixture(provider, cacheDuration: TimeSpan.FromMinutes(5));
        var workspace = Guid.NewGuid();
        var context = new FieldContext("contact", "1", "email");
        var ciphertext = await crypto.Fields.EncryptAsync(workspace, context, "a@example.com");
        crypto.Keyring.EvictWorkspace(workspace);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("a@example.com", await crypto.Fields.DecryptStringAsync(workspace, context, ciphertext));
        }

        crypto.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("a@example.com", await crypto.Fields.DecryptStringAsync(workspace, context, ciphertext));

        Assert.Equal(1, kms.Calls["TrentService.GenerateDataKey"]);
        Assert.Equal(2, kms.Calls["TrentService.Decrypt"]);
        Assert.Equal(AwsKmsKeyProvider.ProviderName, (await crypto.Store.GetVersionsAsync(workspace, KeyPurpose.Data)).Single().ProviderName);
    }

    [Fact]
    public void ToString_Options_RedactsSecret()
    {
        var options = kms.ProviderOptions();

        Assert.DoesNotContain("local-test-secret", options.ToString(), StringComparison.Ordinal);
    }
}
