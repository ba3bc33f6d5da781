using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class TwoFactorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task Login_TwoFactorEnabledWithoutCode_Returns401TwoFactorRequired()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        var response = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith("two-factor-required", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithCurrentTotp_Succeeds()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        var again = await api.LoginAsync(owner.Email, ApiDriver.Password, owner.TotpSecret);
        await ApiDriver.Expect(await again.Client.GetAsync("/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_ReplayedTotpCode_IsRefused()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        var code = api.NextCode(owner.TotpSecret!);
        var first = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password, code), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var replay = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password, code), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Login_RecoveryCode_WorksExactlyOnce()
    {
        var owner = await api.CreateWorkspaceAsync();
        var codes = await api.EnableTwoFactorAsync(owner);
        Assert.Equal(10, codes.Count);
        var first = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password, RecoveryCode: codes[3]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password, RecoveryCode: codes[3]), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task Confirm_WrongCode_Returns400AndLeavesTwoFactorOff()
    {
        var owner = await api.CreateWorkspaceAsync();
        await ApiDriver.Expect(await owner.Client.PostAsync("/v1/me/two-factor", null), HttpStatusCode.OK);
        var response = await owner.Client.PostAsJsonAsync("/v1/me/two-factor/confirm", new TwoFactorConfirmRequest("000000"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var me = (await owner.Client.GetFromJsonAsync<MeResponse>("/v1/me", ApiDriver.Json))!;
        Assert.False(me.TwoFactorEnabled);
    }

    [Fact]
    public async Task StepUp_WithoutTwoFactor_Returns403NotEnrolled()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/sessions/current/step-up", new StepUpRequest(ApiDriver.Password, "123456"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("two-factor-not-enrolled", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SensitiveOperation_WithoutStepUp_Returns403StepUpRequired()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        var response = await owner.Client.PutAsJsonAsync("/v1/workspace/billing", new BillingRequest("business"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("step-up-required", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepUp_WrongTotp_Returns401()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        var response = await owner.Client.PostAsJsonAsync("/v1/sessions/current/step-up", new StepUpRequest(ApiDriver.Password, "000000"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StepUp_Expires_AfterItsWindow()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.Expect(await owner.Client.PutAsJsonAsync("/v1/workspace/billing", new BillingRequest("business"), ApiDriver.Json), HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromMinutes(11));
        var late = await owner.Client.PutAsJsonAsync("/v1/workspace/billing", new BillingRequest("starter"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task Policy_RequireTwoFactorForAdmins_BlocksAdminUntilEnrolled()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var admin = await api.AddMemberAsync(owner, Role.Admin);
        var member = await api.AddMemberAsync(owner, Role.Member);
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync("/v1/workspace/security", new SecurityPolicyRequest(true), ApiDriver.Json), HttpStatusCode.OK);

        var blocked = await admin.Client.GetAsync("/v1/members");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.EndsWith("two-factor-enrollment-required", await ApiDriver.ProblemTypeAsync(blocked), StringComparison.Ordinal);
        await ApiDriver.Expect(await member.Client.GetAsync("/v1/members"), HttpStatusCode.OK);

        await api.EnableTwoFactorAsync(admin);
        await ApiDriver.Expect(await admin.Client.GetAsync("/v1/members"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_WhenPolicyRequiresIt_Returns409()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync("/v1/workspace/security", new SecurityPolicyRequest(true), ApiDriver.Json), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.DeleteAsync("/v1/me/two-factor")).StatusCode);
    }

    [Fact]
    public async Task TotpSecret_AfterDisable_IsErased()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        await ApiDriver.Expect(await owner.Client.DeleteAsync("/v1/me/two-factor"), HttpStatusCode.NoContent);
        var secrets = await factory.Database.CountAsync(
            $"SELECT count(*) FROM \"Users\" WHERE \"Email\" = '{owner.Email}' AND \"TotpSecret\" IS NOT NULL");
        Assert.Equal(0, secrets);
        var codes = await factory.Database.CountAsync(
            $"SELECT count(*) FROM \"RecoveryCodes\" r JOIN \"Users\" u ON u.\"Id\" = r.\"UserId\" WHERE u.\"Email\" = '{owner.Email}'");
        Assert.Equal(0, codes);
    }

    [Fact]
    public async Task StepUp_RepeatedFailures_LockTheAccount()
    {
        var owner = await api.CreateWorkspaceAsync();
        await api.EnableTwoFactorAsync(owner);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await owner.Client.PostAsJsonAsync("/v1/sessions/current/step-up", new StepUpRequest("Wrong-Horse-7-Battery", "000000"), ApiDriver.Json);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await owner.Client.PostAsJsonAsync(
            "/v1/sessions/current/step-up", new StepUpRequest(ApiDriver.Password, api.NextCode(owner.TotpSecret!)), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
    }
}
