using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>The data layer on its own (no HTTP): fails closed without a tenant and refuses cross-workspace writes.</summary>
public sealed class DataLayerTenancyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<(Guid A, Guid B)> TwoWorkspacesWithNumbersAsync()
    {
        var ids = new List<Guid>();
        foreach (var name in new[] { "A", "B" })
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<SignUp>()
                .ExecuteAsync(new SignUpRequest(ApiDriver.NewEmail(), ApiDriver.Password, name), "127.0.0.1", CancellationToken.None);
            var workspaceId = outcome.Value!.WorkspaceId;
            var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
            db.PhoneNumbers.Add(new PhoneNumber { E164 = "+14155550100" });
            await db.SaveChangesAsync();
            ids.Add(workspaceId);
        }

        return (ids[0], ids[1]);
    }

    [Fact]
    public async Task Queries_WithoutTenant_SeeNothing()
    {
        await TwoWorkspacesWithNumbersAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        Assert.Null(db.CurrentWorkspaceId);
        Assert.Equal(0, await db.PhoneNumbers.CountAsync());
        Assert.Equal(0, await db.Memberships.CountAsync());
        Assert.Equal(0, await db.Workspaces.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Queries_InWorkspace_SeeOnlyIt()
    {
        var (a, _) = await TwoWorkspacesWithNumbersAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(a);
        var numbers = await db.PhoneNumbers.ToListAsync();
        Assert.All(numbers, n => Assert.Equal(a, n.WorkspaceId));
        Assert.Equal(a, (await db.Workspaces.SingleAsync()).Id);
    }

    [Fact]
    public async Task Write_WithoutTenant_Throws()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.PhoneNumbers.Add(new PhoneNumber { E164 = "+14155550199" });
        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Write_IntoOtherWorkspace_Throws()
    {
        var (a, b) = await TwoWorkspacesWithNumbersAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(a);
        db.PhoneNumbers.Add(new PhoneNumber { WorkspaceId = b, E164 = "+14155550199" });
        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task AuditLog_AppendsChainedEntriesInTheCurrentWorkspace()
    {
        var (a, _) = await TwoWorkspacesWithNumbersAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(a);
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var first = await log.AppendAsync(new AuditEvent("test.one", null, null, "127.0.0.1"), CancellationToken.None);
        var second = await log.AppendAsync(new AuditEvent("test.two", null, null, "127.0.0.1"), CancellationToken.None);
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None)).Intact);
    }
}
