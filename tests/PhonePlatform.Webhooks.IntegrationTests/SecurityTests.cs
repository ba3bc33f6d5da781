using System.Net;
using System.Net.Http.Headers;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Webhooks.Internal;
using PhonePlatform.Webhooks.IntegrationTests.Support;

namespace PhonePlatform.Webhooks.IntegrationTests;

/// <summary>Replay protection, secret rotation and SSRF refusals.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task CapturedRequestReplayedLater_IsRejectedByTheReceiver_WhileThePlatformsRetryCarriesAFreshTimestamp()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var created = await stack.SubscribeAsync(receiver.Url);
        var first = true;
        receiver.Respond = (request, _) =>
        {
            var valid = StandardWebhooksVerifier.Verify(created.Secret, request.Id, request.Timestamp, request.Signature, request.Body, stack.Time.GetUtcNow());
            var status = !valid ? 400 : first ? 500 : 200;
            first = false;
            return Task.FromResult(status);
        };
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "replay" });
        await stack.DispatchAsync();
        var captured = Assert.Single(receiver.Received);

        stack.Time.Advance(TimeSpan.FromMinutes(10));
        using (var client = new HttpClient())
        using (var replay = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(captured.Body) })
        {
            replay.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            replay.Headers.Add("webhook-id", captured.Id);
            replay.Headers.Add("webhook-timestamp", captured.Timestamp);
            replay.Headers.Add("webhook-signature", captured.Signature);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(replay)).StatusCode);
        }

        await stack.DispatchAsync();
        var delivery = Assert.Single(await stack.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal([500, 200], (await stack.AttemptsAsync(delivery.Id)).Select(a => a.StatusCode));
    }

    [Fact]
    public async Task RotatedSecret_BothSignDuringTheOverlap_OnlyTheNewOneAfterIt()
    {
        await using var stack = await WebhookStack.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var created = await stack.SubscribeAsync(receiver.Url);
        var rotated = (await stack.RunAsync<RotateWebhookSecret, string?>(r => r.ExecuteAsync(created.Subscription.Id, CancellationToken.None)))!;
        Assert.NotEqual(created.Secret, rotated);

        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "overlap" });
        await stack.DispatchAsync();
        var during = Assert.Single(receiver.Received);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(Verify(created.Secret, during, stack));
        Assert.True(Verify(rotated, during, stack));
        Assert.Equal((true, "contact.created"), await NpmStandardWebhooks.VerifyAsync(created.Secret, during, stack.Time.GetUtcNow()));
        Assert.Equal((true, "contact.created"), await NpmStandardWebhooks.VerifyAsync(rotated, during, stack.Time.GetUtcNow()));

        stack.Time.Advance(stack.Options.RotationOverlap + TimeSpan.FromSeconds(1));
        await stack.PublishAsync(WorkspaceEventTypes.ContactCreated, new { name = "after" });
        await stack.DispatchAsync();
        var after = receiver.Received.Last();
        Assert.Single(after.Signature.Split(' '));
        Assert.False(Verify(created.Secret, after, stack));
        Assert.True(Verify(rotated, after, stack));
        Assert.False((await NpmStandardWebhooks.VerifyAsync(created.Secret, after, stack.Time.GetUtcNow())).Verified);
        Assert.True((await NpmStandardWebhooks.VerifyAsync(rotated, after, stack.Time.GetUtcNow())).Verified);
        Assert.False((await NpmStandardWebhooks.VerifyAsync(rotated, after, stack.Time.GetUtcNow() + TimeSpan.FromMinutes(10))).Verified); // replay window
    }

    [Theory]
    [InlineData("http://example.com/hook")] // not https
    [InlineData("https://user:pw@example.com/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.1.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative")]
    public void UrlPolicy_RefusesInternalAndInsecureUrls(string url) =>
        Assert.NotNull(new WebhookUrlPolicy(new WebhookOptions()).Check(url));

    [Theory]
    [InlineData("https://example.com/hook")]
    [InlineData("https://93.184.216.34:8443/hook")]
    [InlineData("https://[2606:2800:220:1::1]/hook")]
    public void UrlPolicy_AcceptsPublicHttpsUrls(string url) =>
        Assert.Null(new WebhookUrlPolicy(new WebhookOptions()).Check(url));

    [Fact]
    public void UrlPolicy_AllowsPlainHttpLoopback_OnlyWithTheTestFlag()
    {
        Assert.Null(new WebhookUrlPolicy(new WebhookOptions { AllowLoopbackDestinations = true }).Check("http://127.0.0.1:5000/hook"));
        Assert.NotNull(new WebhookUrlPolicy(new WebhookOptions { AllowLoopbackDestinations = true }).Check("http://10.0.0.1/hook"));
    }

    [Fact]
    public async Task Sender_RefusesLoopbackByNameAndAddress_WithoutTheFlag_AndNothingReachesTheReceiver()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var time = TimeProvider.System;
        using var sender = new WebhookSender(new WebhookOptions { AllowLoopbackDestinations = false }, time);
        foreach (var url in new[] { receiver.Url, receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) })
        {
            var result = await sender.SendAsync(new Uri(url), "msg_1", "{}", [WebhookSigner.NewSecret()], CancellationToken.None);
            Assert.Null(result.StatusCode);
            Assert.Contains("may not reach", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(receiver.Received);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("2001:db8::1", false)]
    public void DestinationPolicy_AllowsOnlyPublicUnicast(string address, bool allowed) =>
        Assert.Equal(allowed, new DestinationPolicy(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));

    private static bool Verify(string secret, ReceivedWebhook request, WebhookStack stack) =>
        StandardWebhooksVerifier.Verify(secret, request.Id, request.Timestamp, request.Signature, request.Body, stack.Time.GetUtcNow());
}
