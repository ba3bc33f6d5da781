using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OtpNet;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Core.Members;

namespace PhonePlatform.Api.IntegrationTests.Infrastructure;

/// <summary>A signed-in user as the tests see them: their HTTP client and what they need to re-authenticate.</summary>
public sealed record Actor(HttpClient Client, string Email, string Password, Guid WorkspaceId, Guid UserId, Guid MembershipId, Role Role)
{
    public byte[]? TotpSecret { get; set; }
}

/// <summary>Drives the API the way a client would: only HTTP calls, no shortcuts into the database.</summary>
public sealed class ApiDriver(ApiFactory factory)
{
    public const string Password = "Correct-Horse-7-Battery";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public ApiFactory Factory => factory;

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.com";

    public HttpClient Anonymous() => factory.CreateHttpsClient();

    public async Task<Actor> CreateWorkspaceAsync(string name = "Acme")
    {
        var email = NewEmail();
        var response = await Anonymous().PostAsJsonAsync("/v1/signup", new SignUpRequest(email, Password, name), Json);
        await Expect(response, HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<SignUpResponse>(Json))!;
        var actor = await LoginAsync(email, Password);
        return actor with { MembershipId = created.MembershipId, Role = Role.Owner };
    }

    public async Task<Actor> LoginAsync(string email, string password, byte[]? totpSecret = null)
    {
        var code = totpSecret is null ? null : NextCode(totpSecret);
        var response = await Anonymous().PostAsJsonAsync("/v1/sessions", new LoginRequest(email, password, code), Json);
        await Expect(response, HttpStatusCode.Created);
        var session = (await response.Content.ReadFromJsonAsync<LoginResponse>(Json))!;
        var client = factory.CreateHttpsClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        var me = (await client.GetFromJsonAsync<MeResponse>("/v1/me", Json))!;
        var role = Enum.Parse<Role>(me.Role!, ignoreCase: true);
        return new Actor(client, email, password, session.WorkspaceId, me.UserId!.Value, Guid.Empty, role) { TotpSecret = totpSecret };
    }

    /// <summary>Enrols TOTP for the actor and returns the recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync(Actor actor)
    {
        var setup = await actor.Client.PostAsync("/v1/me/two-factor", null);
        await Expect(setup, HttpStatusCode.OK);
        var secret = Base32Encoding.ToBytes((await setup.Content.ReadFromJsonAsync<TwoFactorSetupResponse>(Json))!.Secret);
        var confirm = await actor.Client.PostAsJsonAsync("/v1/me/two-factor/confirm", new TwoFactorConfirmRequest(NextCode(secret)), Json);
        await Expect(confirm, HttpStatusCode.OK);
        actor.TotpSecret = secret;
        return (await confirm.Content.ReadFromJsonAsync<TwoFactorEnabledResponse>(Json))!.RecoveryCodes;
    }

    public async Task StepUpAsync(Actor actor)
    {
        var response = await actor.Client.PostAsJsonAsync("/v1/sessions/current/step-up", new StepUpRequest(actor.Password, NextCode(actor.TotpSecret!)), Json);
        await Expect(response, HttpStatusCode.OK);
    }

    /// <summary>An owner with 2FA and a fresh step-up: able to do everything.</summary>
    public async Task<Actor> CreateSteppedUpOwnerAsync(string name = "Acme")
    {
        var owner = await CreateWorkspaceAsync(name);
        await EnableTwoFactorAsync(owner);
        await StepUpAsync(owner);
        return owner;
    }

    /// <summary>Adds a new user with <paramref name="role"/> (the owner must be stepped up for admin/billing) and signs them in.</summary>
    public async Task<Actor> AddMemberAsync(Actor owner, Role role, bool billing = false)
    {
        var email = NewEmail();
        var response = await owner.Client.PostAsJsonAsync("/v1/members", new AddMemberRequest(email, role, billing, Password), Json);
        await Expect(response, HttpStatusCode.Created);
        var member = (await response.Content.ReadFromJsonAsync<MemberResponse>(Json))!;
        var actor = await LoginAsync(email, Password);
        return actor with { MembershipId = member.Id };
    }

    public static async Task<NumberResponse> AddNumberAsync(Actor actor, string e164)
    {
        var response = await actor.Client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest(e164, "main"), Json);
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<NumberResponse>(Json))!;
    }

    /// <summary>Moves the fake clock to the next 30 s TOTP step (codes are single-use) and returns its code.</summary>
    public string NextCode(byte[] secret)
    {
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        return new Totp(secret).ComputeTotp(factory.Time.GetUtcNow().UtcDateTime);
    }

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Reads an RFC 7807 problem document and checks its media type.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> ProblemTypeAsync(HttpResponseMessage response) =>
        (await ProblemAsync(response)).GetProperty("type").GetString()!;

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return json;
    }
}
