using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class RetentionJobTests : IAsyncLifetime
{
    private static readonly AuditEvent Owner = new("placeholder", Guid.CreateVersion7(), null, "127.0.0.1");
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() => stack = await ComplianceStack.CreateAsync(new Dictionary<string, string?>
    {
        ["Compliance:CancellationRetention"] = "10.00:00:00",
    });

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task CancelAsync_Workspace_IsAuditedAndScheduledAfterConfiguredRetention()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Leaving");

        var outcome = await CancelAsync(workspace, deleteNow: false);

        Assert.Equal(stack.Clock.GetUtcNow().AddDays(10), outcome.PurgeAfter);
        Assert.Null(outcome.Certificate);
        var (scope, db) = stack.Open(workspace);
        await using (scope)
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal(ComplianceAuditActions.WorkspaceCancelled, entry.Action);
            Assert.Equal(Owner.ActorUserId, entry.ActorUserId);
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None)).Intact);
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<WorkspaceStatus>().GetCancellationAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task RunOnceAsync_BeforeRetentionEnds_KeepsWorkspace_AfterwardsPurgesIt()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Leaving");
        await CancelAsync(workspace, deleteNow: false);
        var job = stack.Get<RetentionJob>();

        stack.Clock.Advance(TimeSpan.FromDays(10) - TimeSpan.FromSeconds(1));
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await RawCounts.CountAsync(stack.Database.ConnectionString, "Workspaces", workspace));

        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        var certificate = Assert.Single(await job.RunOnceAsync(CancellationToken.None));

        Assert.Equal(workspace, certificate.WorkspaceId);
        Assert.Equal(0, await RawCounts.TotalAsync(stack.Database.ConnectionString, workspace));
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CancelAsync_DeleteNow_PurgesAtOnceAndKeepsOthersScheduled()
    {
        var now = await SampleWorkspace.CreateAsync(stack, "Now");
        var later = await SampleWorkspace.CreateAsync(stack, "Later");
        await CancelAsync(later, deleteNow: false);

        var outcome = await CancelAsync(now, deleteNow: true);

        Assert.NotNull(outcome.Certificate);
        Assert.Equal(0, await RawCounts.TotalAsync(stack.Database.ConnectionString, now));
        Assert.Equal(1, await RawCounts.CountAsync(stack.Database.ConnectionString, "Workspaces", later));
        Assert.Empty(await stack.Get<RetentionJob>().RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CancelAsync_SecondRequest_NeverPostponesThePurge()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Twice");
        var first = await CancelAsync(workspace, deleteNow: false);
        stack.Clock.Advance(TimeSpan.FromDays(3));

        var second = await CancelAsync(workspace, deleteNow: false);

        Assert.Equal(first.PurgeAfter, second.PurgeAfter);
        Assert.Equal(first.RequestedAt, second.RequestedAt);
    }

    private async Task<CancellationOutcome> CancelAsync(Guid workspace, bool deleteNow)
    {
        var (scope, _) = stack.Open(workspace);
        await using (scope)
        {
            return await scope.ServiceProvider.GetRequiredService<CancelWorkspace>().ExecuteAsync(Owner, deleteNow, CancellationToken.None);
        }
    }
}
