using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.Jobs;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

/// <summary>The rotation endpoint's success path over HTTP, with the host's own background job doing the work.</summary>
public sealed class KeyRotationApiTests
{
    [Fact]
    public async Task Rotate_PolledToCompletion_ReEncryptsRecordsAndBlobsDestroysOldVersionAndAuditsBothEnds()
    {
        await using var host = await BlobHost.StartAsync();
        var owner = await host.Driver.CreateSteppedUpOwnerAsync();
        var created = await owner.Client.PostAsJsonAsync("/v1/contacts", new ContactRequest("Grace Hopper", ["+14155550123"], Notes: "compiler"), ApiDriver.Json);
        await ApiDriver.Expect(created, HttpStatusCode.Created);
        var contact = (await created.Content.ReadFromJsonAsync<ContactResponse>(ApiDriver.Json))!;
        var recordings = Enumerable.Range(0, 3).Select(i => RawBytes.KnownPlaintext($"recording {i}", 150_000 + i)).ToList();
        for (var i = 0; i < recordings.Count; i++)
        {
            await host.Blobs.StoreAsync(owner.WorkspaceId, BlobKind.Recording, $"recordings/{i}.wav", new MemoryStream(recordings[i]));
        }

        var rawStore = host.Get<IBlobStore>();
        var oldCiphertext = await ReadAllAsync(await rawStore.OpenReadAsync(EncryptedBlobStore.StorageKey(owner.WorkspaceId, "recordings/0.wav")));

        var started = await owner.Client.PostAsync(new Uri("/v1/workspace/keys/rotate", UriKind.Relative), null);
        await ApiDriver.Expect(started, HttpStatusCode.Accepted);
        Assert.Equal(2, (await started.Content.ReadFromJsonAsync<KeyRotationResponse>(ApiDriver.Json))!.ToVersion);
        var final = await PollUntilCompletedAsync(host, owner);

        Assert.Equal(3, final.BlobsReEncrypted);
        Assert.True(final.ReEncrypted >= 3 + 3, $"re-encrypted {final.ReEncrypted}");
        var versions = await host.Get<IWrappedKeyStore>().GetVersionsAsync(owner.WorkspaceId, KeyPurpose.Data);
        Assert.True(versions.Single(v => v.Version == 1).IsDestroyed);
        Assert.False(versions.Single(v => v.Version == 2).IsDestroyed);

        // Records and blobs still decrypt, now under v2.
        var fetched = await owner.Client.GetFromJsonAsync<ContactResponse>($"/v1/contacts/{contact.Id}", ApiDriver.Json);
        Assert.Equal(("Grace Hopper", "compiler"), (fetched!.Name, fetched.Notes));
        var encrypted = host.Get<EncryptedBlobStore>();
        for (var i = 0; i < recordings.Count; i++)
        {
            Assert.Equal(2, await encrypted.GetKeyVersionAsync(owner.WorkspaceId, $"recordings/{i}.wav"));
            Assert.Equal(recordings[i], await ReadAllAsync(await host.Blobs.OpenReadAsync(owner.WorkspaceId, $"recordings/{i}.wav")));
        }

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
            db.UseWorkspace(owner.WorkspaceId);
            Assert.All(await db.StoredBlobs.ToListAsync(), b => Assert.Equal(2, b.KeyVersion));
        }

        var audit = (await owner.Client.GetFromJsonAsync<Page<AuditEntryResponse>>("/v1/audit-log?limit=200", ApiDriver.Json))!.Items;
        Assert.Contains(audit, e => e.Action == "workspace.keys.rotated" && e.TargetId == final.Id.ToString());
        var completed = Assert.Single(audit, e => e.Action == KeyRotationRunner.CompletedAuditAction);
        Assert.Equal(final.Id.ToString(), completed.TargetId);
        Assert.Contains("destroyed versions: v1", completed.Details, StringComparison.Ordinal);
        var verify = await owner.Client.GetAsync(new Uri("/v1/audit-log/verify", UriKind.Relative));
        await ApiDriver.Expect(verify, HttpStatusCode.OK);

        // A copy of the blob's old ciphertext (a backup, say) is unreadable now that v1 is destroyed.
        await rawStore.PutAsync(EncryptedBlobStore.StorageKey(owner.WorkspaceId, "recordings/0.wav"), new MemoryStream(oldCiphertext));
        await Assert.ThrowsAsync<KeyDestroyedException>(async () => await ReadAllAsync(await encrypted.OpenReadAsync(owner.WorkspaceId, "recordings/0.wav")));
    }

    private static async Task<KeyRotationResponse> PollUntilCompletedAsync(BlobHost host, Actor owner)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await owner.Client.GetFromJsonAsync<KeyRotationResponse>("/v1/workspace/keys/rotation", ApiDriver.Json))!;
            if (status.State == "completed")
            {
                Assert.NotNull(status.CompletedAt);
                return status;
            }

            Assert.Equal("running", status.State);
            // The job idles on the host's (fake) clock between polls for work.
            host.Factory.Time.Advance(TimeSpan.FromSeconds(6));
            await Task.Delay(100);
        }

        throw new TimeoutException("The key rotation did not complete within 60 s.");
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
