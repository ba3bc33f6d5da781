using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Sms.Http;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms.IntegrationTests.HttpCarrier;

/// <summary><see cref="HttpSmsCarrier"/> against a REST carrier on loopback.</summary>
public sealed class HttpSmsCarrierTests
{
    private static readonly SmsSubmission Hostile = new(
        SmppAddress.International("+14155550100"), SmppAddress.International("+14155550199"), "quote \" brace } {{to}} newline \n é 😀");

    [Fact]
    public async Task Bearer_SendsTheTemplateWithEscapedValues_AndReadsTheIdAtThePath()
    {
        await using var server = await TestHttpCarrier.StartAsync();
        using var client = new HttpClient();
        var carrier = new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.Bearer), TimeProvider.System);

        var result = await carrier.SubmitAsync(Hostile, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("carrier-1", result.MessageId);
        var request = Assert.Single(server.Received);
        Assert.Equal("Bearer tok", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Hostile.Text, body.RootElement.GetProperty("text").GetString());
        Assert.Equal("+14155550199", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("+14155550100", body.RootElement.GetProperty("from").GetString());
        Assert.Equal(32, body.RootElement.GetProperty("reference").GetString()!.Length);
    }

    [Fact]
    public async Task Basic_And_Hmac_AuthenticateAsConfigured()
    {
        await using var server = await TestHttpCarrier.StartAsync();
        using var client = new HttpClient();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Assert.True((await new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.Basic), time).SubmitAsync(Hostile, CancellationToken.None)).Succeeded);
        Assert.True((await new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.Hmac), time).SubmitAsync(Hostile, CancellationToken.None)).Succeeded);

        var requests = server.Received.ToArray();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pw")), requests[0].Authorization);
        var signed = requests[1];
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), signed.Timestamp);
        Assert.Equal(HttpCarrierSignature.Compute("hmac-key", long.Parse(signed.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(signed.Body)), signed.Signature);
        Assert.True(string.IsNullOrEmpty(signed.Authorization));
    }

    [Theory]
    [InlineData(400, false, false)]
    [InlineData(401, false, false)]
    [InlineData(422, false, false)]
    [InlineData(408, true, false)]
    [InlineData(429, true, false)]
    [InlineData(500, true, true)]
    [InlineData(503, true, true)]
    public async Task ErrorStatus_IsPermanentOrTransient(int status, bool transient, bool outcomeUnknown)
    {
        await using var server = await TestHttpCarrier.StartAsync();
        server.Answer = (_, _) => Task.FromResult((status, """{"error":"no"}"""));
        using var client = new HttpClient();

        var result = await new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.None), TimeProvider.System).SubmitAsync(Hostile, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(transient, result.Error!.IsTransient);
        Assert.Equal(outcomeUnknown, result.Error.OutcomeUnknown);
        Assert.Equal($"HTTP_{status}", result.Error.StatusName);
    }

    [Theory]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""not json""")]
    [InlineData("""{"messages":[{"id":{"nested":true}}]}""")]
    [InlineData("""{"messages":[{"id":""}]}""")]
    public async Task SuccessWithoutAUsableId_IsTransientWithUnknownOutcome(string answer)
    {
        await using var server = await TestHttpCarrier.StartAsync();
        server.Answer = (_, _) => Task.FromResult((200, answer));
        using var client = new HttpClient();

        var result = await new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.None), TimeProvider.System).SubmitAsync(Hostile, CancellationToken.None);

        Assert.Equal("NO_MESSAGE_ID", result.Error!.StatusName);
        Assert.True(result.Error.OutcomeUnknown);
    }

    [Fact]
    public async Task CarrierThatNeverAnswers_TimesOutOnTheClock()
    {
        await using var server = await TestHttpCarrier.StartAsync();
        server.Answer = async (_, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return (200, "{}");
        };
        using var client = new HttpClient();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var submit = new HttpSmsCarrier(client, Options(server, HttpCarrierAuth.None), time).SubmitAsync(Hostile, CancellationToken.None);
        for (var i = 0; i < 250 && server.Received.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        time.Advance(TimeSpan.FromSeconds(10));
        var result = await submit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SubmitFailure.Timeout, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task UnreachableCarrier_IsATransientConnectionFailure()
    {
        using var client = new HttpClient();
        var options = new HttpCarrierOptions { Id = "down", SendUrl = new Uri("http://127.0.0.1:9/messages") };

        var result = await new HttpSmsCarrier(client, options, TimeProvider.System).SubmitAsync(Hostile, CancellationToken.None);

        Assert.Equal(SubmitFailure.ConnectionLost, result.Error!.Kind);
    }

    private static HttpCarrierOptions Options(TestHttpCarrier server, HttpCarrierAuth auth) => new()
    {
        Id = "acme",
        SendUrl = server.SendUrl,
        Auth = auth,
        Token = "tok",
        Username = "user",
        Password = "pw",
        Secret = "hmac-key",
        MessageIdPath = "messages.0.id",
    };
}
