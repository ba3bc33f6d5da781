using System.Net;
using System.Net.Http.Json;
using System.Text;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Api.IntegrationTests.Contacts;

public sealed class ContactApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private readonly ApiHost host = fixture.Host;
    private HttpClient owner = null!;
    private Guid workspace;

    public async Task InitializeAsync() => (owner, workspace) = await host.SignUpAsync();

    public Task DisposeAsync()
    {
        owner.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Create_ThenGetAndSearchByNumberAndEmail_ReturnsDecryptedContact()
    {
        var created = await CreateAsync(new ContactRequest("Ada Lovelace", ["+442071234567", "+14155550100"], ["Ada@Example.org"], "Babbage Ltd", "engine notes"));

        var fetched = await owner.GetFromJsonAsync<ContactResponse>($"/v1/contacts/{created.Id}");
        var byNumber = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550100");
        var byEmail = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?email=ada@example.org");
        var noMatch = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550101");

        Assert.Equal(created.Id, fetched!.Id);
        Assert.Equal("Ada Lovelace", fetched.Name);
        Assert.Equal(["+14155550100", "+442071234567"], fetched.Phones.Order());
        Assert.Equal(["Ada@Example.org"], fetched.Emails);
        Assert.Equal("engine notes", fetched.Notes);
        Assert.Equal("Babbage Ltd", fetched.Company);
        Assert.Equal(created.Id, Assert.Single(byNumber!.Items).Id);
        Assert.Equal(created.Id, Assert.Single(byEmail!.Items).Id);
        Assert.Empty(noMatch!.Items);
    }

    [Fact]
    public async Task Create_InvalidNumber_Returns400()
    {
        var response = await owner.PostAsJsonAsync("/v1/contacts", new ContactRequest("Bad", ["0123"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_WithCursor_PagesThroughEveryContactOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(new ContactRequest($"Person {i}"));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page!.Items.Select(c => c.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Person {i}"), seen);
    }

    [Fact]
    public async Task ReplaceAndDelete_UpdateThenRemoveTheContact()
    {
        var created = await CreateAsync(new ContactRequest("Old Name", ["+14155550100"]));

        var replaced = await owner.PutAsJsonAsync($"/v1/contacts/{created.Id}", new ContactRequest("New Name", ["+14155550102"]));
        replaced.EnsureSuccessStatusCode();
        var byOldNumber = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550100");
        var byNewNumber = await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550102");
        Assert.Empty(byOldNumber!.Items);
        Assert.Equal("New Name", Assert.Single(byNewNumber!.Items).Name);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/v1/contacts/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/v1/contacts/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task OtherWorkspace_ContactId_Returns404Everywhere()
    {
        var created = await CreateAsync(new ContactRequest("Private Person", ["+14155550100"]));
        var (other, _) = await host.SignUpAsync();
        using (other)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/contacts/{created.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/v1/contacts/{created.Id}", new ContactRequest("Hijack"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/v1/contacts/{created.Id}")).StatusCode);
            Assert.Empty((await other.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550100"))!.Items);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/v1/contacts/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task Permissions_ViewerReadsOnly_MemberWrites()
    {
        await CreateAsync(new ContactRequest("Shared Person"));
        using var viewer = await host.AddMemberAsync(owner, workspace, Role.Viewer);
        using var member = await host.AddMemberAsync(owner, workspace, Role.Member);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/v1/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/v1/contacts", new ContactRequest("By Viewer"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync("/v1/contacts", new ContactRequest("By Member"))).StatusCode);
    }

    [Fact]
    public async Task ImportCsv_ValidAndInvalidRows_ImportsValidAndReportsEachBadRow()
    {
        const string csv = "name,phone,email,company,notes\r\n"
            + "Ada Lovelace,+442071234567;+14155550100,ada@example.org,\"Babbage, Ltd\",\"said \"\"hello\"\"\"\r\n"
            + ",+14155550101,,,\r\n"
            + "Bad Number,12345,,,\r\n"
            + "Grace Hopper,,grace@navy.mil,,\n";

        var report = await ImportAsync(csv, "text/csv");

        Assert.Equal(2, report.Imported);
        Assert.Equal([3, 4], report.Errors.Select(e => e.Row));
        var ada = Assert.Single((await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550100"))!.Items);
        Assert.Equal("Babbage, Ltd", ada.Company);
        Assert.Equal("said \"hello\"", ada.Notes);
    }

    [Fact]
    public async Task ImportVCard_Versions3And4WithFoldedLines_ImportsEveryCard()
    {
        const string vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n  Lovelace\r\nTEL;TYPE=WORK:+442071234567\r\nTEL;TYPE=CELL:+14155550100\r\n"
            + "EMAIL:ada@example.org\r\nORG:Babbage Ltd;Engines\r\nNOTE:line one\\nline two\\, with comma\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nTEL;VALUE=uri;TYPE=\"voice,work\":tel:+12025550143\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:4.0\r\nTEL:+12025550144\r\nEND:VCARD\r\n";

        var report = await ImportAsync(vcf, "text/vcard");

        Assert.Equal(2, report.Imported);
        Assert.Equal(3, Assert.Single(report.Errors).Row);
        var ada = Assert.Single((await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B14155550100"))!.Items);
        Assert.Equal("Ada Lovelace", ada.Name);
        Assert.Equal(2, ada.Phones.Count);
        Assert.Equal("Babbage Ltd, Engines", ada.Company);
        Assert.Equal("line one\nline two, with comma", ada.Notes);
        Assert.Single((await owner.GetFromJsonAsync<Page<ContactResponse>>("/v1/contacts?number=%2B12025550143"))!.Items);
    }

    [Fact]
    public async Task ContactDirectory_FindByNumber_ReturnsNameInThatWorkspaceOnly()
    {
        var created = await CreateAsync(new ContactRequest("Caller Name", ["+14155550100"]));
        var directory = host.Services.GetRequiredService<IContactDirectory>();

        Assert.Equal(new ContactMatch(created.Id, "Caller Name"), await directory.FindByNumberAsync(workspace, "+14155550100"));
        Assert.Null(await directory.FindByNumberAsync(workspace, "+14155550199"));
        Assert.Null(await directory.FindByNumberAsync(workspace, "not a number"));
        Assert.Null(await directory.FindByNumberAsync(Guid.NewGuid(), "+14155550100"));
    }

    [Fact]
    public async Task RawRowsAndBlobs_AfterApiWrites_ContainNoPlaintext()
    {
        string[] secrets = ["Zebedee Quartermaine", "+442079460123", "zebedee@quartermaine.example", "Quartermaine Holdings", "allergic to peanuts"];
        await CreateAsync(new ContactRequest(secrets[0], [secrets[1]], [secrets[2]], secrets[3], secrets[4]));

        var rows = await RawRows.ReadAllAsync(host.Database.ConnectionString);

        Assert.Contains(rows, r => r.Table == "ContactPhone");
        Assert.Empty(rows.Where(r => secrets.Any(s => RawRows.Contains(r.Value, s))).Select(r => $"{r.Table}.{r.Column}"));
    }

    private async Task<ContactResponse> CreateAsync(ContactRequest request)
    {
        var response = await owner.PostAsJsonAsync("/v1/contacts", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ContactResponse>())!;
    }

    private async Task<ContactImportResponse> ImportAsync(string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await owner.PostAsync("/v1/contacts/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ContactImportResponse>())!;
    }
}

public sealed class KeyRotationApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Rotate_WithoutStepUp_Returns403AndNoRotationStarts()
    {
        var (owner, _) = await fixture.Host.SignUpAsync();
        using (owner)
        {
            var response = await owner.PostAsync("/v1/workspace/keys/rotate", null);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/v1/workspace/keys/rotation")).StatusCode);
        }
    }

    [Fact]
    public async Task Readyz_WithKeyProvider_ReportsHealthy()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
