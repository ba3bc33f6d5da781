using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Crypto;
using PhonePlatform.Crypto.Tests.Support;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

/// <summary>
/// Blobs written through the host's DI blob service (<see cref="IWorkspaceBlobs"/>) for both providers: only
/// ciphertext reaches the disk or the S3 server, the catalogue records them, and <c>/readyz</c> checks the store.
/// </summary>
public sealed class HostBlobStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task LocalProvider_StoredBlob_NoPlaintextInAnyFileAndCatalogued()
    {
        await using var host = await BlobHost.StartAsync();
        var owner = await host.Driver.CreateWorkspaceAsync();
        var marker = "VOICEMAIL-PLAINTEXT-" + Guid.NewGuid().ToString("N");
        var plaintext = RawBytes.KnownPlaintext(marker, 300_000);

        var size = await host.Blobs.StoreAsync(owner.WorkspaceId, BlobKind.Voicemail, "voicemail/known.wav", new MemoryStream(plaintext));

        Assert.Equal(plaintext.Length, size);
        Assert.True(RawBytes.FileCount(host.BlobFolder) >= 1);
        Assert.Empty(await RawBytes.FilesContainingAsync(host.BlobFolder, marker));
        Assert.Empty(await RawBytes.FilesContainingAsync(host.BlobFolder, marker[..24]));
        await AssertReadsBackAndCataloguedAsync(host, owner.WorkspaceId, plaintext);
    }

    [Fact]
    public async Task S3Provider_StoredBlob_NoPlaintextOnTheServerAndCatalogued()
    {
        await using var host = await BlobHost.StartAsync(S3Settings());
        var owner = await host.Driver.CreateWorkspaceAsync();
        var marker = "RECORDING-PLAINTEXT-" + Guid.NewGuid().ToString("N");
        var plaintext = RawBytes.KnownPlaintext(marker, 300_000);

        await host.Blobs.StoreAsync(owner.WorkspaceId, BlobKind.Voicemail, "voicemail/known.wav", new MemoryStream(plaintext));

        Assert.IsType<S3BlobStore>(host.Get<IBlobStore>());
        Assert.False(Directory.Exists(host.BlobFolder));
        Assert.True(RawBytes.FileCount(s3.DataPath) >= 1);
        Assert.Empty(await RawBytes.FilesContainingAsync(s3.DataPath, marker));
        Assert.Empty(await RawBytes.FilesContainingAsync(s3.DataPath, marker[..24]));
        await AssertReadsBackAndCataloguedAsync(host, owner.WorkspaceId, plaintext);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Readyz_WorkingStore_ReportsBlobStoreHealthyAndLeavesNoCanary(string provider)
    {
        await using var host = await BlobHost.StartAsync(provider == "s3" ? S3Settings() : null);

        var response = await host.Factory.CreateHttpsClient().GetAsync(new Uri("/readyz", UriKind.Relative));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("blob-store").GetProperty("status").GetString());
        Assert.Empty(await host.Get<IBlobStore>().ListAsync("health/").ToListAsync());
    }

    [Fact]
    public async Task Readyz_UnreachableS3_ReportsUnhealthyWithoutInternals()
    {
        var settings = S3Settings();
        settings["Storage:Blobs:S3:ServiceUrl"] = "http://127.0.0.1:9/";
        settings["Storage:Blobs:S3:Bucket"] = "secret-bucket-name";
        await using var host = await BlobHost.StartAsync(settings);

        var response = await host.Factory.CreateHttpsClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var check = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("blob-store");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.DoesNotContain("secret-bucket-name", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("S3RVER", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProvider_FailsAtStartup()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BlobHost.StartAsync(new Dictionary<string, string?> { ["Storage:Blobs:Provider"] = "ftp" });
        });

        Assert.Contains("Storage:Blobs:Provider", error.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string?> S3Settings() => new()
    {
        ["Storage:Blobs:Provider"] = "s3",
        ["Storage:Blobs:S3:Bucket"] = S3rverFixture.Bucket,
        ["Storage:Blobs:S3:Region"] = "us-east-1",
        ["Storage:Blobs:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
        ["Storage:Blobs:S3:ForcePathStyle"] = "true",
        // s3rver's fixed test credentials; deployments leave these unset and use the AWS credential chain.
        ["Storage:Blobs:S3:AccessKeyId"] = S3rverFixture.AccessKey,
        ["Storage:Blobs:S3:SecretAccessKey"] = S3rverFixture.SecretKey,
    };

    private static async Task AssertReadsBackAndCataloguedAsync(BlobHost host, Guid workspaceId, byte[] plaintext)
    {
        await using (var read = await host.Blobs.OpenReadAsync(workspaceId, "voicemail/known.wav"))
        using (var copy = new MemoryStream())
        {
            await read.CopyToAsync(copy);
            Assert.Equal(plaintext, copy.ToArray());
        }

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var entry = await db.StoredBlobs.SingleAsync();
        Assert.Equal(("voicemail/known.wav", BlobKind.Voicemail, 1, (long)plaintext.Length), (entry.Name, entry.Kind, entry.KeyVersion, entry.Size));
    }
}
