using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.IntegrationTests.Trunks;

/// <summary>The gateway's dialled-number lookup: the one platform-level query (PlatformQueries), then the tenant filter.</summary>
public sealed class PostgresNumberDirectoryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task FindAsync_DialledNumber_OwningWorkspaceAndOnlyMembersWhoMayUseIt()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var granted = await api.AddMemberAsync(owner, Role.Member);
        var notGranted = await api.AddMemberAsync(owner, Role.Member);
        var number = await ApiDriver.AddNumberAsync(owner, NewNumber());
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{granted.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json),
            HttpStatusCode.OK);
        var directory = factory.Services.GetRequiredService<INumberDirectory>();

        var route = await directory.FindAsync(number.E164, CancellationToken.None);

        Assert.NotNull(route);
        Assert.Equal(owner.WorkspaceId, route.WorkspaceId);
        Assert.Equal(new[] { Aor(owner), Aor(granted) }.Order(), route.MemberAddressesOfRecord.Order());
        Assert.DoesNotContain(Aor(notGranted), route.MemberAddressesOfRecord);
        Assert.Null(await directory.FindAsync(NewNumber(), CancellationToken.None));
    }

    [Fact]
    public async Task FindNumberOwnerAsync_SameNumberInTwoWorkspaces_FirstHolderWins_AndTenantFilterStaysClosed()
    {
        var first = await api.CreateWorkspaceAsync("First");
        var second = await api.CreateWorkspaceAsync("Second");
        var e164 = NewNumber();
        var held = await ApiDriver.AddNumberAsync(first, e164);
        await ApiDriver.AddNumberAsync(second, e164);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        var owner = await db.FindNumberOwnerAsync(e164, CancellationToken.None);

        Assert.Equal((held.Id, first.WorkspaceId), owner);
        // Only that one query crosses workspaces: the context itself still sees nothing without a workspace.
        Assert.Empty(await db.PhoneNumbers.Where(n => n.E164 == e164).ToListAsync());
    }

    private string Aor(Actor actor) =>
        $"sip:{SipUsernames.For(actor.WorkspaceId, actor.UserId)}@{factory.Services.GetRequiredService<BrowserSipEdge>().Realm.ToLowerInvariant()}";

    private static string NewNumber() => $"+1415{Random.Shared.Next(2000000, 9999999)}";
}
