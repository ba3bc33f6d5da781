using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class NumberAccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task Member_SeesOnlyGrantedNumbers_UntilRevoked()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var granted = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        var hidden = await ApiDriver.AddNumberAsync(owner, "+442079460000");
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync($"/v1/numbers/{granted.Id}/access/{member.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json),
            HttpStatusCode.OK);

        var visible = await member.Client.GetFromJsonAsync<Page<NumberResponse>>("/v1/numbers", ApiDriver.Json);
        Assert.Equal(granted.Id, Assert.Single(visible!.Items).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/v1/numbers/{hidden.Id}")).StatusCode);

        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/numbers/{granted.Id}/access/{member.MembershipId}"), HttpStatusCode.NoContent);
        Assert.Empty((await member.Client.GetFromJsonAsync<Page<NumberResponse>>("/v1/numbers", ApiDriver.Json))!.Items);
    }

    [Fact]
    public async Task Viewer_CannotBeGivenUse_ButCanBeGivenView()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var viewer = await api.AddMemberAsync(owner, Role.Viewer);
        var number = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        var use = await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{viewer.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.BadRequest, use.StatusCode);
        var view = await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{viewer.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.View), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Single((await viewer.Client.GetFromJsonAsync<Page<NumberResponse>>("/v1/numbers", ApiDriver.Json))!.Items);
    }

    [Fact]
    public async Task DemotionToViewer_DowngradesUseGrantsToView()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var number = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{member.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.Use), ApiDriver.Json);
        await ApiDriver.Expect(
            await owner.Client.PatchAsJsonAsync($"/v1/members/{member.MembershipId}", new ChangeMemberRequest(Role.Viewer), ApiDriver.Json), HttpStatusCode.OK);
        var grants = await owner.Client.GetFromJsonAsync<List<NumberAccessResponse>>($"/v1/numbers/{number.Id}/access", ApiDriver.Json);
        Assert.Equal(NumberAccessLevel.View, Assert.Single(grants!).Level);
    }

    [Fact]
    public async Task Numbers_Paginate_WithOpaqueCursor()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        string[] e164 = ["+14155550100", "+14155550101", "+14155550102", "+14155550103", "+14155550104"];
        foreach (var n in e164)
        {
            await ApiDriver.AddNumberAsync(owner, n);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await owner.Client.GetFromJsonAsync<Page<NumberResponse>>($"/v1/numbers?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", ApiDriver.Json))!;
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.E164));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(e164, seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync("/v1/numbers?cursor=not-a-cursor!")).StatusCode);
    }

    [Fact]
    public async Task DeleteNumber_RequiresStepUp_ThenRemovesItAndItsGrants()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var number = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        factory.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.DeleteAsync($"/v1/numbers/{number.Id}")).StatusCode);
        await api.StepUpAsync(owner);
        await ApiDriver.Expect(await owner.Client.DeleteAsync($"/v1/numbers/{number.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/numbers/{number.Id}")).StatusCode);
    }
}
