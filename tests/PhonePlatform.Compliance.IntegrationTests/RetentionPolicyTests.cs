using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class RetentionPolicyTests : IAsyncLifetime
{
    private static readonly AuditEvent Admin = new("placeholder", Guid.CreateVersion7(), null, "127.0.0.1");
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() => stack = await ComplianceStack.CreateAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task RetentionJob_Policy_DeletesOnlyWhatIsOlderAndAuditsIt()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Tidy");   // recording stored now
        var blobs = stack.Get<IWorkspaceBlobs>();
        await blobs.StoreAsync(workspace, BlobKind.Voicemail, "voicemail/old.wav", new MemoryStream(Encoding.ASCII.GetBytes("old voicemail")));
        var start = stack.Clock.GetUtcNow();
        await AddMessagesAsync(workspace, start.AddMonths(-3), start);
        stack.Clock.Advance(TimeSpan.FromDays(10));
        await blobs.StoreAsync(workspace, BlobKind.Recording, "recordings/new.wav", new MemoryStream(Encoding.ASCII.GetBytes("new recording")));

        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            await scope.ServiceProvider.GetRequiredService<RetentionPolicies>().SetAsync(Admin, recordingsDays: 7, voicemailDays: 30, messagesMonths: 2, CancellationToken.None);
        }

        await stack.Get<RetentionJob>().RunOnceAsync(CancellationToken.None);

        var encrypted = stack.Get<EncryptedBlobStore>();
        Assert.False(await encrypted.ExistsAsync(workspace, SampleWorkspace.BlobName));
        Assert.True(await encrypted.ExistsAsync(workspace, "recordings/new.wav"));
        Assert.True(await encrypted.ExistsAsync(workspace, "voicemail/old.wav"));
        (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            Assert.Equal(["recordings/new.wav", "voicemail/old.wav"], (await db.StoredBlobs.Select(b => b.Name).ToListAsync()).Order());
            Assert.Equal([start], await db.Set<Message>().Select(m => m.CreatedAt).ToListAsync());
            var audit = await db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync();
            Assert.Contains(audit, a => a.Action == RetentionPolicies.ChangedAuditAction && a.Details == "recordingsDays=7 voicemailDays=30 messagesMonths=2");
            Assert.Contains(audit, a => a.Action == RetentionEnforcer.EnforcedAuditAction && a.Details == "recordings=1 voicemail=0 messages=1");
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None)).Intact);
        }

        // A second pass finds nothing more to delete and logs nothing.
        Assert.Equal(0, await stack.Get<RetentionEnforcer>().RunOnceAsync(CancellationToken.None));
    }

    private async Task AddMessagesAsync(Guid workspace, params DateTimeOffset[] createdAt)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var number = await db.PhoneNumbers.FirstAsync();
            var conversation = new Conversation { PhoneNumberId = number.Id, Participant = EncryptedText.From("+14155550199"), CreatedAt = createdAt[0], LastMessageAt = createdAt[^1] };
            db.Add(conversation);
            foreach (var at in createdAt)
            {
                db.Add(new Message { ConversationId = conversation.Id, Body = EncryptedText.From("hello"), CreatedAt = at });
            }

            await db.SaveChangesAsync();
        }
    }
}
