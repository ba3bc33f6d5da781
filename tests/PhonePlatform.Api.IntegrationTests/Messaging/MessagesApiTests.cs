using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Sms;
using PhonePlatform.Smpp;

namespace PhonePlatform.Api.IntegrationTests.Messaging;

/// <summary>The messages API over the real host and database (no carrier configured: messages stay queued).</summary>
public sealed class MessagesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Party = "+14155550177";
    private readonly ApiDriver api = new(factory);

    private static Task<HttpResponseMessage> SendAsync(Actor actor, string from, string to, string body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = JsonContent.Create(new SendMessageRequest(from, to, body), options: ApiDriver.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return actor.Client.SendAsync(request);
    }

    [Fact]
    public async Task Send_ByNumberIdOrE164_Returns202QueuedWithThePlan_AndStatusReadable()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        var byId = await SendAsync(owner, number.Id.ToString(), Party, "Hello from the shop");
        await ApiDriver.Expect(byId, HttpStatusCode.Accepted);
        var accepted = (await byId.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;
        Assert.Equal(("queued", "gsm7", 1), (accepted.Status, accepted.Encoding, accepted.Segments));
        Assert.Equal($"/v1/messages/{accepted.Id}", byId.Headers.Location!.OriginalString);

        var byE164 = await SendAsync(owner, number.E164, Party, "Привет");
        await ApiDriver.Expect(byE164, HttpStatusCode.Accepted);
        var second = (await byE164.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;
        Assert.Equal("ucs2", second.Encoding);
        Assert.Equal(accepted.ConversationId, second.ConversationId);

        var status = (await owner.Client.GetFromJsonAsync<MessageResponse>($"/v1/messages/{accepted.Id}", ApiDriver.Json))!;
        Assert.Equal(("queued", "outbound", number.E164, Party, "Hello from the shop"), (status.Status, status.Direction, status.From, status.To, status.Body));
        Assert.Null(status.SentAt);
    }

    [Fact]
    public async Task Send_WithIdempotencyKey_RetryReturnsTheSameMessageAndQueuesOnce()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(owner, number.Id.ToString(), Party, "Only once", key);
        var retry = await SendAsync(owner, number.Id.ToString(), Party, "Only once", key);
        await ApiDriver.Expect(first, HttpStatusCode.Accepted);
        await ApiDriver.Expect(retry, HttpStatusCode.Accepted);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        var a = (await first.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;
        var b = (await retry.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;
        Assert.Equal(a.Id, b.Id);
        var messages = await owner.Client.GetFromJsonAsync<Page<MessageResponse>>($"/v1/conversations/{a.ConversationId}/messages", ApiDriver.Json);
        Assert.Single(messages!.Items);
    }

    [Fact]
    public async Task Send_WithoutUseOfTheNumber_Is403_WithUseGrant_Is202()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(member, number.Id.ToString(), Party, "hi")).StatusCode);

        await Grant(owner, number.Id, member.MembershipId, NumberAccessLevel.View);
        var viewOnly = await SendAsync(member, number.Id.ToString(), Party, "hi");
        Assert.Equal(HttpStatusCode.Forbidden, viewOnly.StatusCode);
        Assert.EndsWith(":forbidden", await ApiDriver.ProblemTypeAsync(viewOnly), StringComparison.Ordinal);

        await Grant(owner, number.Id, member.MembershipId, NumberAccessLevel.Use);
        await ApiDriver.Expect(await SendAsync(member, number.Id.ToString(), Party, "hi"), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Send_ToAPartyWhoSentStop_Is422RecipientOptedOut()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        await ReceiveAsync(number.E164, Party, "STOP");
        var refused = await SendAsync(owner, number.Id.ToString(), Party, "Sale!");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.EndsWith(":recipient-opted-out", await ApiDriver.ProblemTypeAsync(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadInput_Is400_UnknownNumber_Is404()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(owner, number.Id.ToString(), "12", "hi")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(owner, number.Id.ToString(), Party, "")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(owner, Guid.CreateVersion7().ToString(), Party, "hi")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(owner, "+14155550999", Party, "hi")).StatusCode);
    }

    [Theory]
    [InlineData("Hello", "gsm7", 1, 5, 160, 155)]
    [InlineData("Price: 5€", "gsm7", 1, 10, 160, 150)]
    [InlineData("Привет", "ucs2", 1, 6, 70, 64)]
    public async Task Preview_ReportsEncodingAndSegments(string body, string encoding, int segments, int characters, int perSegment, int remaining)
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/messages/preview", new MessagePreviewRequest(body), ApiDriver.Json);
        var preview = (await response.Content.ReadFromJsonAsync<MessagePreviewResponse>(ApiDriver.Json))!;
        Assert.Equal(new MessagePreviewResponse(encoding, segments, characters, perSegment, remaining), preview);
    }

    [Fact]
    public async Task Preview_LongText_CountsConcatenatedSegments()
    {
        var owner = await api.CreateWorkspaceAsync();
        var response = await owner.Client.PostAsJsonAsync("/v1/messages/preview", new MessagePreviewRequest(new string('a', 161)), ApiDriver.Json);
        var preview = (await response.Content.ReadFromJsonAsync<MessagePreviewResponse>(ApiDriver.Json))!;
        Assert.Equal(new MessagePreviewResponse("gsm7", 2, 161, 153, 145), preview);
    }

    [Fact]
    public async Task Conversations_ListNewestFirstWithContactUnreadAndPreview_MarkReadClearsUnread()
    {
        var owner = await api.CreateWorkspaceAsync();
        var number = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        await ApiDriver.Expect(await owner.Client.PostAsJsonAsync("/v1/contacts", new ContactRequest("Ada Lovelace", [Party]), ApiDriver.Json), HttpStatusCode.Created);
        await ReceiveAsync(number.E164, Party, "Are you open today?");
        await ReceiveAsync(number.E164, Party, "And tomorrow?");
        await ApiDriver.Expect(await SendAsync(owner, number.Id.ToString(), "+14155550188", "Your order is ready"), HttpStatusCode.Accepted);

        var page = (await owner.Client.GetFromJsonAsync<Page<ConversationResponse>>($"/v1/conversations?numberId={number.Id}", ApiDriver.Json))!;
        Assert.Equal(["+14155550188", Party], page.Items.Select(c => c.Participant));
        var ada = page.Items[1];
        Assert.Equal(("Ada Lovelace", "And tomorrow?", 2), (ada.ContactName, ada.LastMessagePreview, ada.UnreadCount));
        Assert.Null(page.Items[0].ContactName);

        var first = (await owner.Client.GetFromJsonAsync<Page<ConversationResponse>>("/v1/conversations?limit=1", ApiDriver.Json))!;
        var next = (await owner.Client.GetFromJsonAsync<Page<ConversationResponse>>($"/v1/conversations?limit=1&cursor={first.NextCursor}", ApiDriver.Json))!;
        Assert.Equal(ada.Id, Assert.Single(next.Items).Id);
        Assert.Null(next.NextCursor);

        var messages = (await owner.Client.GetFromJsonAsync<Page<MessageResponse>>($"/v1/conversations/{ada.Id}/messages?limit=1", ApiDriver.Json))!;
        Assert.Equal("And tomorrow?", Assert.Single(messages.Items).Body);
        var older = (await owner.Client.GetFromJsonAsync<Page<MessageResponse>>($"/v1/conversations/{ada.Id}/messages?cursor={messages.NextCursor}", ApiDriver.Json))!;
        Assert.Equal(("Are you open today?", "received", "inbound", Party), (older.Items[0].Body, older.Items[0].Status, older.Items[0].Direction, older.Items[0].From));

        var read = await owner.Client.PostAsync($"/v1/conversations/{ada.Id}/read", null);
        Assert.Equal(2, (await read.Content.ReadFromJsonAsync<ConversationReadResponse>(ApiDriver.Json))!.MarkedRead);
        var after = (await owner.Client.GetFromJsonAsync<ConversationResponse>($"/v1/conversations/{ada.Id}", ApiDriver.Json))!;
        Assert.Equal(0, after.UnreadCount);
    }

    [Fact]
    public async Task Conversations_MemberSeesOnlyThoseOfGrantedNumbers()
    {
        var owner = await api.CreateSteppedUpOwnerAsync();
        var member = await api.AddMemberAsync(owner, Role.Member);
        var granted = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        var hidden = await ApiDriver.AddNumberAsync(owner, UniqueNumber());
        await Grant(owner, granted.Id, member.MembershipId, NumberAccessLevel.View);
        var visibleMessage = await SendAsync(owner, granted.Id.ToString(), Party, "seen");
        var hiddenMessage = await SendAsync(owner, hidden.Id.ToString(), Party, "unseen");
        var hiddenId = (await hiddenMessage.Content.ReadFromJsonAsync<SendMessageResponse>(ApiDriver.Json))!;

        var page = (await member.Client.GetFromJsonAsync<Page<ConversationResponse>>("/v1/conversations", ApiDriver.Json))!;
        Assert.Equal(granted.Id, Assert.Single(page.Items).NumberId);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/v1/conversations/{hiddenId.ConversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/v1/messages/{hiddenId.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, visibleMessage.StatusCode);
    }

    /// <summary>Inbound messages pick the workspace by the destination number, so each test holds its own.</summary>
    internal static string UniqueNumber() => "+1415" + Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task Grant(Actor owner, Guid number, Guid membership, NumberAccessLevel level) =>
        await ApiDriver.Expect(
            await owner.Client.PutAsJsonAsync($"/v1/numbers/{number}/access/{membership}", new GrantNumberAccessRequest(level), ApiDriver.Json),
            HttpStatusCode.OK);

    /// <summary>An inbound SMS through the real inbound processor (what the SMS worker runs for a deliver_sm).</summary>
    private async Task ReceiveAsync(string to, string from, string text)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var inbound = new InboundMessage(SmppAddress.International(from), SmppAddress.International(to), text, 0, ReadOnlyMemory<byte>.Empty, null);
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<InboundProcessor>().ProcessAsync(inbound, CancellationToken.None));
    }
}
