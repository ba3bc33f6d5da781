using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.Exports;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class DataExportRunnerTests : IAsyncLifetime
{
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() => stack = await ComplianceStack.CreateAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task WorkspaceExport_RequestedBuiltDownloadedOnceThenExpired_EveryStepAudited()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Lifecycle");
        var (requested, owner) = await RequestAsync(workspace, DataExportScope.Workspace);
        var runner = stack.Get<DataExportRunner>();

        Assert.True(await runner.RunOnceAsync(CancellationToken.None));
        Assert.False(await runner.RunOnceAsync(CancellationToken.None));

        var built = await LoadAsync(workspace, requested.Id);
        Assert.Equal(DataExportStatus.Completed, built.Status);
        Assert.Equal(built.StepsTotal, built.StepsDone);
        Assert.Equal(WorkspaceArchive.JsonSteps + 1, built.StepsTotal); // nine JSON files and the sample's recording
        Assert.Equal(built.CompletedAt + TimeSpan.FromDays(7), built.ExpiresAt);

        var link = await IssueLinkAsync(workspace, requested.Id, owner);
        var downloads = stack.Get<ExportDownloads>();
        var first = await downloads.RedeemAsync(link.Token, "192.0.2.7", CancellationToken.None);
        Assert.NotNull(first);
        await using (first.Content)
        {
            using var zip = new ZipArchive(await CopyAsync(first.Content), ZipArchiveMode.Read);
            Assert.Contains(zip.Entries, e => e.FullName == "calls.json");
            Assert.Contains(zip.Entries, e => e.FullName == SampleWorkspace.BlobName);
            Assert.Equal(first.Length, built.Size);
        }

        Assert.Null(await downloads.RedeemAsync(link.Token, "192.0.2.7", CancellationToken.None));

        var second = await IssueLinkAsync(workspace, requested.Id, owner);
        stack.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await runner.ExpireAsync(CancellationToken.None));
        Assert.Equal(0, await runner.ExpireAsync(CancellationToken.None));
        Assert.Null(await downloads.RedeemAsync(second.Token, null, CancellationToken.None));
        Assert.Equal(DataExportStatus.Expired, (await LoadAsync(workspace, requested.Id)).Status);
        Assert.False(await stack.Get<IBlobStore>().ExistsAsync(EncryptedBlobStore.StorageKey(workspace, DataExport.BlobNameOf(requested.Id))));

        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var actions = await db.AuditEntries.Where(a => a.TargetId == requested.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
            Assert.Equal(
                [ExportAuditActions.Requested, ExportAuditActions.Completed, ExportAuditActions.LinkIssued, ExportAuditActions.Downloaded, ExportAuditActions.LinkIssued, ExportAuditActions.Expired],
                actions);
            var download = await db.AuditEntries.SingleAsync(a => a.Action == ExportAuditActions.Downloaded);
            Assert.Equal("192.0.2.7", download.ActorIp);
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None)).Intact);
        }
    }

    [Fact]
    public async Task Request_WhileOneIsPending_IsRefusedAndLinkBeforeCompletionIsNotIssued()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Pending");
        var (requested, owner) = await RequestAsync(workspace, DataExportScope.Workspace);

        var (scope, _) = stack.Open(workspace);
        await using (scope)
        {
            var exports = scope.ServiceProvider.GetRequiredService<DataExports>();
            Assert.Null(await exports.RequestAsync(new AuditEvent("x", owner, null, null), DataExportScope.Workspace, null, CancellationToken.None));
        }

        var (linkScope, db) = stack.Open(workspace);
        await using (linkScope)
        {
            var export = await db.DataExports.SingleAsync(e => e.Id == requested.Id);
            Assert.Null(await linkScope.ServiceProvider.GetRequiredService<DataExports>().IssueLinkAsync(export, new AuditEvent("x", owner, null, null), CancellationToken.None));
        }
    }

    [Fact]
    public async Task MemberExport_HoldsThatMembersPersonalData()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Personal");
        var (requested, owner) = await RequestAsync(workspace, DataExportScope.Member);

        Assert.True(await stack.Get<DataExportRunner>().RunOnceAsync(CancellationToken.None));

        var link = await IssueLinkAsync(workspace, requested.Id, owner);
        var download = (await stack.Get<ExportDownloads>().RedeemAsync(link.Token, null, CancellationToken.None))!;
        await using (download.Content)
        {
            using var zip = new ZipArchive(await CopyAsync(download.Content), ZipArchiveMode.Read);
            Assert.Equal(
                ["api-keys.json", "audit-log.json", "calls.json", "number-access.json", "profile.json", "sessions.json", "sip-registrations.json"],
                zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var profile = JsonDocument.Parse(zip.GetEntry("profile.json")!.Open());
            Assert.Equal(owner, profile.RootElement.GetProperty("user").GetProperty("id").GetGuid());
            using var grants = JsonDocument.Parse(zip.GetEntry("number-access.json")!.Open());
            Assert.Single(grants.RootElement.EnumerateArray());
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".wav", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Build_OfAMemberWhoIsGone_FailsAfterTheAttemptsAndLeavesNoBlob()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Gone");
        var (requested, _) = await RequestAsync(workspace, DataExportScope.Member);
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            await db.DataExports.Where(e => e.Id == requested.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.SubjectMembershipId, Guid.NewGuid()));
        }

        var runner = stack.Get<DataExportRunner>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.True(await runner.RunOnceAsync(CancellationToken.None));
        }

        Assert.False(await runner.RunOnceAsync(CancellationToken.None));
        var failed = await LoadAsync(workspace, requested.Id);
        Assert.Equal(DataExportStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.False(await stack.Get<IBlobStore>().ExistsAsync(EncryptedBlobStore.StorageKey(workspace, DataExport.BlobNameOf(requested.Id))));
    }

    private async Task<(DataExport Export, Guid OwnerUserId)> RequestAsync(Guid workspace, DataExportScope scope)
    {
        var (serviceScope, db) = stack.Open(workspace);
        await using (serviceScope)
        {
            var owner = await db.Memberships.SingleAsync();
            var export = await serviceScope.ServiceProvider.GetRequiredService<DataExports>().RequestAsync(
                new AuditEvent("request", owner.UserId, null, "192.0.2.1"), scope, scope == DataExportScope.Member ? owner.Id : null, CancellationToken.None);
            return (export!, owner.UserId);
        }
    }

    private async Task<IssuedExportLink> IssueLinkAsync(Guid workspace, Guid exportId, Guid userId)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var export = await db.DataExports.SingleAsync(e => e.Id == exportId);
            return (await scope.ServiceProvider.GetRequiredService<DataExports>().IssueLinkAsync(export, new AuditEvent("link", userId, null, null), CancellationToken.None))!;
        }
    }

    private async Task<DataExport> LoadAsync(Guid workspace, Guid exportId)
    {
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            return await db.DataExports.AsNoTracking().SingleAsync(e => e.Id == exportId);
        }
    }

    private static async Task<MemoryStream> CopyAsync(Stream source)
    {
        var copy = new MemoryStream();
        await source.CopyToAsync(copy);
        copy.Position = 0;
        return copy;
    }
}
