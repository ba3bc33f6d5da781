using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;

namespace PhonePlatform.Api.IntegrationTests;

public sealed class SignUpAndLoginTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiDriver api = new(factory);

    [Fact]
    public async Task SignUp_ValidRequest_CreatesOwnerWhoCanSignIn()
    {
        var owner = await api.CreateWorkspaceAsync("Acme");
        var me = (await owner.Client.GetFromJsonAsync<MeResponse>("/v1/me", ApiDriver.Json))!;
        Assert.Equal("owner", me.Role);
        Assert.Equal("Acme", me.WorkspaceName);
        Assert.Contains("billing:manage", me.Permissions);
    }

    [Fact]
    public async Task SignUp_WeakPassword_Returns400WithPasswordErrors()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/signup", new SignUpRequest(ApiDriver.NewEmail(), "password1234", "Acme"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiDriver.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task SignUp_ExistingEmail_Returns409()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await api.Anonymous().PostAsJsonAsync("/v1/signup", new SignUpRequest(owner.Email, ApiDriver.Password, "Other"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, "Wrong-Horse-7-Battery"), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith("invalid-credentials", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnknownEmail_Returns401LikeWrongPassword()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(ApiDriver.NewEmail(), ApiDriver.Password), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith("invalid-credentials", await ApiDriver.ProblemTypeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksAccountUntilLockoutEnds()
    {
        var owner = await api.CreateWorkspaceAsync();
        var anonymous = api.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, "Wrong-Horse-7-Battery"), ApiDriver.Json);
        }

        var locked = await anonymous.PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);

        factory.Time.Advance(TimeSpan.FromMinutes(16));
        var unlocked = await anonymous.PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Created, unlocked.StatusCode);

        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/v1/audit-log?action=auth.locked_out");
        Assert.Equal(1, audit.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Logout_RevokesSessionToken()
    {
        var owner = await api.CreateWorkspaceAsync();
        await ApiDriver.Expect(await owner.Client.DeleteAsync("/v1/sessions/current"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Session_AfterLifetime_IsRefused()
    {
        var owner = await api.CreateWorkspaceAsync();
        factory.Time.Advance(TimeSpan.FromHours(13));
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Login_SetsSecureHttpOnlyCookieThatAuthenticates()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await api.Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(owner.Email, ApiDriver.Password), ApiDriver.Json);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var client = api.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        await ApiDriver.Expect(await client.GetAsync("/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordHash_IsArgon2idAtRest()
    {
        var owner = await api.CreateWorkspaceAsync();
        var argon = await factory.Database.CountAsync(
            $"SELECT count(*) FROM \"Users\" WHERE \"Email\" = '{owner.Email}' AND \"PasswordHash\" LIKE '$argon2id$v=19$%'");
        Assert.Equal(1, argon);
    }
}
