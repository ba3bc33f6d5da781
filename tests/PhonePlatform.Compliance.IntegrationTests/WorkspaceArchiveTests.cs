using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PhonePlatform.Compliance.Exports;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using Microsoft.EntityFrameworkCore;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class WorkspaceArchiveTests : IAsyncLifetime
{
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() => stack = await ComplianceStack.CreateAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task BuildAsync_Workspace_StoresEncryptedZipWithDecryptedJsonAndMedia()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Exported");
        var voicemail = Encoding.ASCII.GetBytes("RIFF....WAVE voicemail body");
        await stack.Get<IWorkspaceBlobs>().StoreAsync(workspace, BlobKind.Voicemail, "voicemail/v1.wav", new MemoryStream(voicemail));
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var number = await db.PhoneNumbers.FirstAsync();
            var conversation = new Conversation { PhoneNumberId = number.Id, Participant = EncryptedText.From("+14155550199") };
            db.Add(conversation);
            db.Add(new Message { ConversationId = conversation.Id, Body = EncryptedText.From("see you at noon") });
            await db.SaveChangesAsync();
        }

        var size = await stack.Get<WorkspaceArchive>().BuildAsync(workspace, "exports/e1.zip", CancellationToken.None);

        using var copy = new MemoryStream();
        await using (var stored = await stack.Get<IWorkspaceBlobs>().OpenReadAsync(workspace, "exports/e1.zip"))
        {
            await stored.CopyToAsync(copy);
        }

        Assert.Equal(size, copy.Length);
        copy.Position = 0;
        using var zip = new ZipArchive(copy, ZipArchiveMode.Read);
        Assert.Equal(
            ["audit-log.json", "calls.json", "contacts.json", "conversations.json", "members.json", "messages.json", "numbers.json", SampleWorkspace.BlobName, "voicemail/v1.wav", "voicemails.json", "workspace.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal("Exported", Read(zip, "workspace.json").GetProperty("name").GetString());
        Assert.Equal(["Person 0", "Person 1"], Read(zip, "contacts.json").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.Equal("+12025550100", Read(zip, "contacts.json").EnumerateArray().SelectMany(c => c.GetProperty("phones").EnumerateArray()).Select(p => p.GetString()).Order().First());
        Assert.Equal("+14155550199", Read(zip, "conversations.json")[0].GetProperty("participant").GetString());
        Assert.Equal("see you at noon", Read(zip, "messages.json")[0].GetProperty("body").GetString());
        Assert.Single(Read(zip, "members.json").EnumerateArray());
        Assert.Single(Read(zip, "numbers.json").EnumerateArray());
        Assert.Equal(voicemail, Bytes(zip, "voicemail/v1.wav"));
        Assert.StartsWith("RIFF", Encoding.ASCII.GetString(Bytes(zip, SampleWorkspace.BlobName)), StringComparison.Ordinal);

        // The stored export itself is ciphertext and catalogued as an export.
        await using var raw = await stack.Get<IBlobStore>().OpenReadAsync(EncryptedBlobStore.StorageKey(workspace, "exports/e1.zip"));
        using var rawCopy = new MemoryStream();
        await raw.CopyToAsync(rawCopy);
        Assert.NotEqual("PK"u8.ToArray(), rawCopy.ToArray()[..2]);
        (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            Assert.Equal(BlobKind.Export, (await db.StoredBlobs.SingleAsync(b => b.Name == "exports/e1.zip")).Kind);
        }
    }

    private static JsonElement Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
