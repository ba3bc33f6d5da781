using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Compliance.Exports;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class ExportApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task WorkspaceExport_RequestProgressSingleUseDownloadExpiry_AllAudited()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.AddNumberAsync(owner, "+14155550100");

        var requested = await owner.Client.PostAsync("/v1/exports", null);
        await ApiDriver.Expect(requested, HttpStatusCode.Accepted);
        var queued = (await requested.Content.ReadFromJsonAsync<ExportResponse>(ApiDriver.Json))!;
        Assert.Equal($"/v1/exports/{queued.Id}", requested.Headers.Location!.OriginalString);
        Assert.Equal(DataExportScope.Workspace, queued.Scope);
        Assert.Equal(0, queued.Progress.Percent);
        var again = await owner.Client.PostAsync("/v1/exports", null);
        Assert.Equal("urn:phoneplatform:problem:export-in-progress", await ApiDriver.ProblemTypeAsync(again));
        var early = await owner.Client.PostAsync($"/v1/exports/{queued.Id}/link", null);
        Assert.Equal("urn:phoneplatform:problem:export-not-downloadable", await ApiDriver.ProblemTypeAsync(early));

        var done = await BuildAsync(owner, $"/v1/exports/{queued.Id}");
        Assert.Equal(100, done.Progress.Percent);
        Assert.Equal(done.CompletedAt + TimeSpan.FromDays(7), done.ExpiresAt);
        var listed = (await owner.Client.GetFromJsonAsync<Page<ExportResponse>>("/v1/exports", ApiDriver.Json))!;
        Assert.Equal(queued.Id, Assert.Single(listed.Items).Id);

        var link = await LinkAsync(owner, $"/v1/exports/{queued.Id}/link");
        var anonymous = api.Anonymous();
        var download = await anonymous.GetAsync(link.Url);
        await ApiDriver.Expect(download, HttpStatusCode.OK);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(done.Size, download.Content.Headers.ContentLength);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "calls.json");
            using var numbers = JsonDocument.Parse(zip.GetEntry("numbers.json")!.Open());
            Assert.Equal("+14155550100", numbers.RootElement[0].GetProperty("e164").GetString());
        }

        var reused = await anonymous.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/exports/download/pp_exp_not-a-token")).StatusCode);

        var second = await LinkAsync(owner, $"/v1/exports/{queued.Id}/link");
        factory.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await factory.Services.GetRequiredService<DataExportRunner>().ExpireAsync(CancellationToken.None);
        // A week later the session is gone too: sign in again to look.
        var later = await api.LoginAsync(owner.Email, ApiDriver.Password, owner.TotpSecret);
        var expired = await WaitForAsync(later, $"/v1/exports/{queued.Id}", e => e.Status == DataExportStatus.Expired);
        Assert.Equal(1, expired.Downloads);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second.Url)).StatusCode);

        var actions = await AuditActionsAsync(later, queued.Id);
        Assert.Equal(
            [ExportAuditActions.Requested, ExportAuditActions.Completed, ExportAuditActions.LinkIssued, ExportAuditActions.Downloaded, ExportAuditActions.LinkIssued, ExportAuditActions.Expired],
            actions);
    }

    [Fact]
    public async Task WorkspaceExport_WithoutStepUpOrAsMember_IsRefused()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var fresh = await api.CreateWorkspaceAsync();

        Assert.Equal("urn:phoneplatform:problem:step-up-required", await ApiDriver.ProblemTypeAsync(await fresh.Client.PostAsync("/v1/exports", null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PostAsync("/v1/exports", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync("/v1/exports")).StatusCode);
    }

    [Fact]
    public async Task OwnExport_MemberGetsTheirPersonalData_OthersCannotSeeIt()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        await api.EnableTwoFactorAsync(member);
        await api.StepUpAsync(member);

        var requested = await member.Client.PostAsync("/v1/me/exports", null);
        await ApiDriver.Expect(requested, HttpStatusCode.Accepted);
        var export = (await requested.Content.ReadFromJsonAsync<ExportResponse>(ApiDriver.Json))!;
        Assert.Equal(DataExportScope.Member, export.Scope);
        await BuildAsync(member, $"/v1/me/exports/{export.Id}");

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/exports/{export.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/me/exports/{export.Id}")).StatusCode);
        Assert.Empty((await owner.Client.GetFromJsonAsync<Page<ExportResponse>>("/v1/exports", ApiDriver.Json))!.Items);

        var link = await LinkAsync(member, $"/v1/me/exports/{export.Id}/link");
        var download = await api.Anonymous().GetAsync(link.Url);
        await ApiDriver.Expect(download, HttpStatusCode.OK);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var profile = JsonDocument.Parse(zip.GetEntry("profile.json")!.Open());
        Assert.Equal(member.Email, profile.RootElement.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(member.MembershipId, profile.RootElement.GetProperty("membership").GetProperty("id").GetGuid());
        Assert.Null(zip.GetEntry("members.json"));
    }

    [Fact]
    public async Task Erasure_RemovesMemberAndPseudonymisesAccount_RecordsKeepPlaceholder()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var number = await ApiDriver.AddNumberAsync(owner, "+14155550100");
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{member.MembershipId}", new GrantNumberAccessRequest(PhonePlatform.Core.Numbers.NumberAccessLevel.Use), ApiDriver.Json),
            HttpStatusCode.OK);
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        await api.EnableTwoFactorAsync(admin);
        await api.StepUpAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.PostAsync($"/v1/members/{owner.MembershipId}/erasure", null)).StatusCode);

        var erased = await owner.Client.PostAsync($"/v1/members/{member.MembershipId}/erasure", null);

        await ApiDriver.Expect(erased, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/v1/members/{member.MembershipId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/v1/me")).StatusCode);
        var login = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(member.Email, ApiDriver.Password), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(0, await factory.Database.CountAsync($"SELECT count(*) FROM \"Users\" WHERE \"Email\" = '{member.Email}'"));
        Assert.Equal(1, await factory.Database.CountAsync($"SELECT count(*) FROM \"Users\" WHERE \"Id\" = '{member.UserId}' AND \"Email\" LIKE 'erased-%@erased.invalid' AND \"TotpSecret\" IS NULL"));
        Assert.Equal(0, await factory.Database.CountAsync($"SELECT count(*) FROM \"NumberAccess\" WHERE \"MembershipId\" = '{member.MembershipId}'"));
        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?action=member.erased", ApiDriver.Json);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(member.MembershipId.ToString(), entry.GetProperty("targetId").GetString());
        Assert.Contains("account=pseudonymised", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        // The member's earlier audit entries stay, under their (now meaningless) user id: the chain is intact.
        Assert.True((await owner.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit-log/verify", ApiDriver.Json))!.Intact);
    }

    private async Task<ExportResponse> BuildAsync(Actor actor, string path)
    {
        var runner = factory.Services.GetRequiredService<DataExportRunner>();
        return await WaitForAsync(actor, path, e => e.Status == DataExportStatus.Completed, async () => await runner.RunOnceAsync(CancellationToken.None));
    }

    // The jobs role's loop may take the export first (the tests move the clock), so wait for the state either way.
    private static async Task<ExportResponse> WaitForAsync(Actor actor, string path, Func<ExportResponse, bool> done, Func<Task>? step = null)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var export = (await actor.Client.GetFromJsonAsync<ExportResponse>(path, ApiDriver.Json))!;
            Assert.NotEqual(DataExportStatus.Failed, export.Status);
            if (done(export))
            {
                return export;
            }

            await (step?.Invoke() ?? Task.Delay(100));
            if (step is not null)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"{path} did not reach the expected state");
    }

    private static async Task<ExportLinkResponse> LinkAsync(Actor actor, string path)
    {
        var response = await actor.Client.PostAsync(path, null);
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var link = (await response.Content.ReadFromJsonAsync<ExportLinkResponse>(ApiDriver.Json))!;
        Assert.StartsWith("/v1/exports/download/pp_exp_", link.Url, StringComparison.Ordinal);
        return link;
    }

    private static async Task<List<string>> AuditActionsAsync(Actor actor, Guid exportId)
    {
        var audit = await actor.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?limit=200", ApiDriver.Json);
        return [.. audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("targetId").GetString() == exportId.ToString())
            .OrderBy(e => e.GetProperty("sequence").GetInt64())
            .Select(e => e.GetProperty("action").GetString()!)];
    }
}
