using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Sms.Http;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>A host with one REST carrier ("acme") and a workspace holding +14155550100.</summary>
public sealed class CarrierWebhookFixture : IAsyncLifetime
{
    public const string Secret = "carrier-webhook-secret";

    public ApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.Settings["Sms:HttpCarriers:0:Id"] = "acme";
        Factory.Settings["Sms:HttpCarriers:0:WebhookSecret"] = Secret;
        await Factory.InitializeAsync();
        var owner = await new ApiDriver(Factory).CreateWorkspaceAsync();
        await ApiDriver.AddNumberAsync(owner, "+14155550100");
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>POST /v1/carriers/{id}/inbound and /status: only signed, fresh, well-formed webhooks store anything.</summary>
public sealed class CarrierWebhookTests(CarrierWebhookFixture fixture) : IClassFixture<CarrierWebhookFixture>
{
    private const string Inbound = "/v1/carriers/acme/inbound";

    [Fact]
    public async Task HostileWebhooks_AreRefusedWithProblems_AndStoreNothing()
    {
        var before = await CountAsync();
        var valid = """{"from":"+14155550123","to":"+14155550100","text":"hi"}""";
        var now = fixture.Factory.Time.GetUtcNow().ToUnixTimeSeconds();
        var cases = new (string Name, string Path, string Body, long? Timestamp, string? Signature, HttpStatusCode Expected)[]
        {
            ("no signature", Inbound, valid, now, "", HttpStatusCode.Unauthorized),
            ("bad signature", Inbound, valid, now, new string('0', 64), HttpStatusCode.Unauthorized),
            ("signature of another body", Inbound, valid, now, Sign(now, valid.Replace("hi", "ho", StringComparison.Ordinal)), HttpStatusCode.Unauthorized),
            ("signed with another secret", Inbound, valid, now, HttpCarrierSignature.Compute("guess", now, Encoding.UTF8.GetBytes(valid)), HttpStatusCode.Unauthorized),
            ("old timestamp (replay)", Inbound, valid, now - 600, Sign(now - 600, valid), HttpStatusCode.Unauthorized),
            ("future timestamp", Inbound, valid, now + 600, Sign(now + 600, valid), HttpStatusCode.Unauthorized),
            ("absurd timestamp", Inbound, valid, long.MaxValue, Sign(long.MaxValue, valid), HttpStatusCode.Unauthorized),
            ("unknown carrier", "/v1/carriers/evil/inbound", valid, now, Sign(now, valid), HttpStatusCode.NotFound),
            ("not json", Inbound, "not json", now, Sign(now, "not json"), HttpStatusCode.BadRequest),
            ("wrong types", Inbound, """{"from":1,"to":2,"text":3}""", now, null, HttpStatusCode.BadRequest),
            ("missing text", Inbound, """{"from":"+14155550123","to":"+14155550100"}""", now, null, HttpStatusCode.BadRequest),
            ("extra member", Inbound, """{"from":"+14155550123","to":"+14155550100","text":"x","admin":true}""", now, null, HttpStatusCode.BadRequest),
            ("not E.164", Inbound, """{"from":"'; DROP TABLE x","to":"+14155550100","text":"x"}""", now, null, HttpStatusCode.BadRequest),
            ("deep nesting", Inbound, new string('[', 5000) + new string(']', 5000), now, null, HttpStatusCode.BadRequest),
            ("huge body", Inbound, "{\"text\":\"" + new string('a', 40_000) + "\"}", now, null, HttpStatusCode.RequestEntityTooLarge),
            ("unknown status", "/v1/carriers/acme/status", """{"messageId":"m1","status":"exploded"}""", now, null, HttpStatusCode.BadRequest),
        };

        foreach (var (name, path, body, timestamp, signature, expected) in cases)
        {
            var response = await PostAsync(path, body, timestamp, signature ?? Sign(timestamp!.Value, body));
            Assert.True(response.StatusCode == expected, $"{name}: {(int)response.StatusCode}");
            await ApiDriver.ProblemAsync(response);
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task SignedInbound_IsStored_AndSignedStatus_UpdatesTheMessage()
    {
        var before = await CountAsync();
        var body = """{"from":"+14155550124","to":"+14155550100","text":"hello from the carrier"}""";
        var now = fixture.Factory.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(Inbound, body, now, "sha256=" + Sign(now, body))).StatusCode);
        Assert.Equal(before + 1, await CountAsync());

        var unknownNumber = """{"from":"+14155550124","to":"+14155550999","text":"x"}""";
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Inbound, unknownNumber, now, Sign(now, unknownNumber))).StatusCode);

        // Give the stored message a carrier and its message id, as the outbox worker does for a sent one, then report it delivered.
        var carrierId = "acme-" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync("""UPDATE "Messages" SET "Carrier" = 'acme', "CarrierMessageId" = @id, "Status" = 'Sent' WHERE "Id" = (SELECT "Id" FROM "Messages" ORDER BY "Id" DESC LIMIT 1)""", carrierId);
        var status = $$"""{"messageId":"{{carrierId}}","status":"delivered"}""";
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/v1/carriers/acme/status", status, now, Sign(now, status))).StatusCode);
        Assert.Equal(1L, await ScalarAsync("""SELECT count(*) FROM "Messages" WHERE "CarrierMessageId" = @id AND "Status" = 'Delivered'""", carrierId));

        var unknown = """{"messageId":"nobody","status":"delivered"}""";
        var refused = await PostAsync("/v1/carriers/acme/status", unknown, now, Sign(now, unknown));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await ApiDriver.ProblemAsync(refused);
    }

    private static string Sign(long timestamp, string body) =>
        HttpCarrierSignature.Compute(CarrierWebhookFixture.Secret, timestamp, Encoding.UTF8.GetBytes(body));

    private async Task<HttpResponseMessage> PostAsync(string path, string body, long? timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Timestamp", timestamp?.ToString(CultureInfo.InvariantCulture));
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Signature", signature);
        }
        return await fixture.Factory.CreateHttpsClient().SendAsync(request);
    }

    private Task<long> CountAsync() => ScalarAsync("""SELECT count(*) FROM "Messages" """, "");

    private async Task<long> ScalarAsync(string sql, string id) => (long)(await CommandAsync(sql, id, c => c.ExecuteScalarAsync()))!;

    private Task<object?> ExecuteAsync(string sql, string id) => CommandAsync(sql, id, async c => (object?)await c.ExecuteNonQueryAsync());

    private async Task<object?> CommandAsync(string sql, string id, Func<NpgsqlCommand, Task<object?>> run)
    {
        await using var connection = new NpgsqlConnection(fixture.Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return await run(command);
    }
}
