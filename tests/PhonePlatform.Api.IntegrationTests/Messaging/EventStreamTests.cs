using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Smpp.Tests.Integration;

namespace PhonePlatform.Api.IntegrationTests.Messaging;

/// <summary>The real host with its SMS workers bound to the SMSC simulator, on the system clock.</summary>
public sealed class SmsHostFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new() { UseSystemClock = true };

    internal SmscSimulator Smsc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smsc = await SmscSimulator.StartAsync();
        var settings = Factory.Settings;
        settings["Sms:Carriers:primary:Host"] = "127.0.0.1";
        settings["Sms:Carriers:primary:Port"] = Smsc.Port.ToString(CultureInfo.InvariantCulture);
        settings["Sms:Carriers:primary:SystemId"] = SmscSimulator.SystemId;
        settings["Sms:Carriers:primary:Password"] = SmscSimulator.Password;
        settings["Sms:PollInterval"] = "00:00:00.020";
        settings["Events:PollInterval"] = "00:00:00.050";
        settings["Events:HeartbeatInterval"] = "00:00:00.500";
        await Factory.InitializeAsync();
        await Smsc.WaitForAsync(s => s.BoundSessions == 1);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Smsc.DisposeAsync();
    }
}

/// <summary><c>GET /v1/events</c>: live server-sent events from the workspace event outbox.</summary>
public sealed class EventStreamTests(SmsHostFixture fixture) : IClassFixture<SmsHostFixture>
{
    private const string Party = "+14155550177";
    private readonly ApiDriver api = new(fixture.Factory);

    [Fact]
    public async Task InboundSmsAtTheSmsc_ArrivesOnOpenStreams_OfMembersWhoMaySeeTheNumber_AndResumesByLastEventId()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, MessagesApiTests.UniqueNumber());
        var viewer = await AddMemberAsync(owner, Role.Viewer);
        var outsider = await AddMemberAsync(owner, Role.Member);
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync($"/v1/numbers/{number.Id}/access/{viewer.MembershipId}", new GrantNumberAccessRequest(NumberAccessLevel.View), ApiDriver.Json),
            HttpStatusCode.OK);

        using var viewerStream = await OpenAsync(viewer);
        using var outsiderStream = await OpenAsync(outsider);
        await fixture.Smsc.CommandAsync(
            $"deliver?from={Party.TrimStart('+')}&to={number.E164.TrimStart('+')}&text={Uri.EscapeDataString("Table for 4 at 8?")}");

        var received = await viewerStream.NextOfTypeAsync("message.received");
        var data = received.Data.GetProperty("data");
        Assert.Equal("message.received", received.Data.GetProperty("type").GetString());
        Assert.Equal("Table for 4 at 8?", data.GetProperty("body").GetString());
        Assert.Equal(number.Id, data.GetProperty("numberId").GetGuid());
        Assert.Equal(Party, data.GetProperty("from").GetString());

        // The member without access to the number gets heartbeats, not the message.
        var other = await outsiderStream.NextAsync(TimeSpan.FromSeconds(1.5));
        Assert.Null(other);
        Assert.True(outsiderStream.Comments >= 2, "heartbeats after the opening comment");

        // A reconnect with Last-Event-ID gets what came after it.
        var previous = long.Parse(received.Id!, CultureInfo.InvariantCulture) - 1;
        using var resumed = await OpenAsync(viewer, previous);
        var again = await resumed.NextOfTypeAsync("message.received");
        Assert.Equal(received.Id, again.Id);
    }

    [Fact]
    public async Task SendThroughTheApi_SentAndDeliveredEventsOnTheStream()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, MessagesApiTests.UniqueNumber());
        using var stream = await OpenAsync(owner);
        var response = await owner.Client.PostAsJsonAsync("/v1/messages", new SendMessageRequest(number.Id.ToString(), Party, "See you at 8"), ApiDriver.Json);
        await ApiDriver.Expect(response, HttpStatusCode.Accepted);
        var accepted = (await response.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;

        var sent = await stream.NextOfTypeAsync("message.sent");
        Assert.Equal(accepted.Id, sent.Data.GetProperty("data").GetProperty("messageId").GetGuid());
        var delivered = await stream.NextOfTypeAsync("message.delivered");
        Assert.Equal(accepted.Id, delivered.Data.GetProperty("data").GetProperty("messageId").GetGuid());

        var status = (await owner.Client.GetFromJsonAsync<MessageResponse>($"/v1/messages/{accepted.Id}", ApiDriver.Json))!;
        Assert.Equal("delivered", status.Status);
        Assert.NotNull(status.SentAt);
        Assert.NotNull(status.DeliveredAt);
    }

    private async Task<Actor> AddMemberAsync(Actor owner, Role role)
    {
        var email = ApiDriver.NewEmail();
        var added = await owner.Client.PostAsJsonAsync("/v1/members", new AddMemberRequest(email, role, false, ApiDriver.Password), ApiDriver.Json);
        await ApiDriver.Expect(added, HttpStatusCode.Created);
        var member = (await added.Content.ReadFromJsonAsync<MemberResponse>(ApiDriver.Json))!;
        return (await api.LoginAsync(email, ApiDriver.Password)) with { MembershipId = member.Id };
    }

    private static async Task<SseReader> OpenAsync(Actor actor, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await actor.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await ApiDriver.Expect(response, HttpStatusCode.OK);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(response);
        // The stream's opening comment: from here on, every new event reaches it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (reader.Comments == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return reader;
    }
}
