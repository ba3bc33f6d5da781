using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhonePlatform.Api.Endpoints;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class ComplianceEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task ProcessingRegister_Anonymous_ReturnsRegisterAndSubprocessors()
    {
        var client = api.Anonymous();

        var register = await client.GetFromJsonAsync<JsonElement>("/v1/compliance/processing-register");
        var subprocessors = await client.GetFromJsonAsync<JsonElement>("/v1/compliance/subprocessors");

        Assert.Equal(JsonValueKind.Object, register.GetProperty("controller").ValueKind);
        Assert.Equal(JsonValueKind.Array, register.GetProperty("activities").ValueKind);
        Assert.Equal(JsonValueKind.Array, subprocessors.ValueKind);
    }

    [Fact]
    public async Task Retention_SetByAdmin_IsReadBackValidatedAndAudited()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);

        var invalid = await admin.Client.PutAsJsonAsync("/v1/workspace/retention", new RetentionPolicyDto(0, null, null), ApiDriver.Json);
        var set = await admin.Client.PutAsJsonAsync("/v1/workspace/retention", new RetentionPolicyDto(90, 30, null), ApiDriver.Json);
        var read = await owner.Client.GetFromJsonAsync<RetentionPolicyDto>("/v1/workspace/retention", ApiDriver.Json);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await ApiDriver.Expect(set, HttpStatusCode.OK);
        Assert.Equal(new RetentionPolicyDto(90, 30, null), read);
        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log", ApiDriver.Json);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("action").GetString() == "workspace.retention.changed"
            && e.GetProperty("details").GetString() == "recordingsDays=90 voicemailDays=30 messagesMonths=keep");
    }

    [Fact]
    public async Task Cancel_WithoutStepUp_Returns403()
    {
        var owner = await api.CreateWorkspaceAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/workspace/cancellation", new CancellationRequest(false), ApiDriver.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_SteppedUpAdmin_Returns403()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        await api.EnableTwoFactorAsync(admin);
        await api.StepUpAsync(admin);

        var response = await admin.Client.PostAsJsonAsync("/v1/workspace/cancellation", new CancellationRequest(false), ApiDriver.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync("/v1/workspace/cancellation")).StatusCode);
    }

    [Fact]
    public async Task Cancel_Owner_SchedulesPurgeAndReportsIt()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/workspace/cancellation", new CancellationRequest(false), ApiDriver.Json);

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<CancellationResponse>(ApiDriver.Json))!;
        Assert.Equal(TimeSpan.FromDays(30), body.PurgeAfter - body.RequestedAt);
        Assert.Null(body.Certificate);
        var status = (await owner.Client.GetFromJsonAsync<CancellationResponse>("/v1/workspace/cancellation", ApiDriver.Json))!;
        // PostgreSQL keeps microseconds; the first response carries the in-memory value with .NET's 100 ns ticks.
        Assert.Equal(body.PurgeAfter.AddTicks(-(body.PurgeAfter.Ticks % 10)), status.PurgeAfter);
    }

    [Fact]
    public async Task Cancel_OwnerDeleteNow_ReturnsCertificateAndWorkspaceIsGone()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();

        var response = await owner.Client.PostAsJsonAsync("/v1/workspace/cancellation", new CancellationRequest(true), ApiDriver.Json);

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<CancellationResponse>(ApiDriver.Json))!;
        Assert.NotNull(body.Certificate);
        Assert.Contains(owner.WorkspaceId.ToString(), body.Certificate.Document, StringComparison.Ordinal);
        Assert.Equal(64, body.Certificate.Sha256.Length);
        Assert.Equal(0, await factory.Database.CountAsync($"SELECT count(*) FROM \"Workspaces\" WHERE \"Id\" = '{owner.WorkspaceId}'"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.GetAsync("/v1/workspace")).StatusCode);
    }
}
