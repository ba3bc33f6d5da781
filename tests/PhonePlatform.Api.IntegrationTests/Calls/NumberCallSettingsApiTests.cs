using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.IntegrationTests.Calls;

public sealed class NumberCallSettingsApiTests(CallApiFixture fixture) : IClassFixture<CallApiFixture>
{
    private static readonly BusinessHoursDto NewYorkNineToFive = new(
        "America/New_York",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHoursDto(d, "09:00", "17:00"))],
        [new DateOnly(2026, 11, 26)]);

    private string Settings => $"/v1/numbers/{fixture.Number2Id}/call-settings";

    [Fact]
    public async Task Put_ValidSettings_AreReturnedAndReachTheGatewayPort()
    {
        var request = new NumberCallSettingsRequest(
            NewYorkNineToFive,
            RingTimeoutSeconds: 30,
            RecordingPolicy.OnDemand,
            RecordingAnnouncement: false,
            [new MenuOptionDto("1", "Sales", [fixture.User.MembershipId, fixture.Watcher.MembershipId]), new MenuOptionDto("#", "Support line", ForwardTo: "+442071234567")]);

        var put = await fixture.Owner.Client.PutAsJsonAsync(Settings, request, ApiDriver.Json);
        await ApiDriver.Expect(put, HttpStatusCode.OK);
        var got = await fixture.Owner.Client.GetFromJsonAsync<NumberCallSettingsResponse>(Settings, ApiDriver.Json);

        Assert.Equal(30, got!.RingTimeoutSeconds);
        Assert.Equal(RecordingPolicy.OnDemand, got.RecordingPolicy);
        Assert.False(got.RecordingAnnouncement);
        Assert.Equal("America/New_York", got.BusinessHours!.TimeZone);
        Assert.Equal(5, got.BusinessHours.Weekly.Count);
        Assert.Equal(("09:00", "17:00"), (got.BusinessHours.Weekly[0].Opens, got.BusinessHours.Weekly[0].Closes));
        Assert.Equal([new DateOnly(2026, 11, 26)], got.BusinessHours.Holidays);
        Assert.Equal(["1", "#"], got.Menu.Select(m => m.Digit));

        var policy = await Port(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)).GetAsync(fixture.Owner.WorkspaceId, CallApiFixture.Number2, default);
        Assert.True(policy.WithinBusinessHours);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.RingTimeout);
        Assert.Equal(CallRecordingMode.OnDemand, policy.Recording);
        Assert.Equal('1', policy.Menu[0].Digit);
        Assert.Equal("+442071234567", policy.Menu[1].ForwardTo);
    }

    // Monday-Friday 09:00-17:00 New York, evaluated by the gateway port on a fixed clock either side of both 2026 changes.
    [Theory]
    [InlineData("2026-03-06T14:00:00Z", true)] // Fri 09:00 EST
    [InlineData("2026-03-09T13:00:00Z", true)] // Mon 09:00 EDT
    [InlineData("2026-03-09T12:30:00Z", false)] // Mon 08:30 EDT, which was 09:30 the week before
    [InlineData("2026-10-30T20:59:00Z", true)] // Fri 16:59 EDT
    [InlineData("2026-11-02T21:30:00Z", true)] // Mon 16:30 EST, 17:30 the week before
    [InlineData("2026-11-02T22:00:00Z", false)] // Mon 17:00 EST
    [InlineData("2026-11-26T15:00:00Z", false)] // Thanksgiving, a holiday
    public async Task GatewayPort_BusinessHoursAcrossDaylightSaving(string instant, bool open)
    {
        await ApiDriver.Expect(
            await fixture.Owner.Client.PutAsJsonAsync(
                $"/v1/numbers/{fixture.Number1Id}/call-settings", new NumberCallSettingsRequest(NewYorkNineToFive), ApiDriver.Json),
            HttpStatusCode.OK);

        var policy = await Port(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))
            .GetAsync(fixture.Owner.WorkspaceId, CallApiFixture.Number1, default);

        Assert.Equal(open, policy.WithinBusinessHours);
    }

    [Fact]
    public async Task Put_InvalidSettings_IsOneProblemNamingEachField()
    {
        var request = new NumberCallSettingsRequest(
            new BusinessHoursDto("Mars/Olympus", [new(DayOfWeek.Monday, "17:00", "09:00"), new(DayOfWeek.Tuesday, "9am", "17:00"), new(DayOfWeek.Wednesday, "09:00", "12:00"), new(DayOfWeek.Wednesday, "11:00", "13:00")]),
            RingTimeoutSeconds: 1,
            Menu: [new MenuOptionDto("12", MembershipIds: [fixture.User.MembershipId]), new MenuOptionDto("2", MembershipIds: [fixture.User.MembershipId], ForwardTo: "+14155550100"), new MenuOptionDto("3", ForwardTo: "0800 123"), new MenuOptionDto("4", MembershipIds: [Guid.NewGuid()])]);

        var response = await fixture.Owner.Client.PutAsJsonAsync(Settings, request, ApiDriver.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiDriver.ProblemAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "businessHours.timeZone", "businessHours.weekly[0]", "businessHours.weekly[1].opens", "businessHours.weekly[3]",
                "ringTimeoutSeconds", "menu[0].digit", "menu[1]", "menu[2].forwardTo", "menu",
            },
            errors);
    }

    [Fact]
    public async Task Greeting_WidebandStereoUpload_IsStoredEncryptedAs8kHzMono()
    {
        var upload = CallHistory.ToneWav(16000, 2, 1.5);

        var response = await fixture.Owner.Client.PutAsync($"/v1/numbers/{fixture.Number2Id}/greeting", CallHistory.WavContent(upload));

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        Assert.True((await response.Content.ReadFromJsonAsync<NumberCallSettingsResponse>(ApiDriver.Json))!.HasGreeting);
        var greeting = (await Port(DateTimeOffset.UnixEpoch).GetAsync(fixture.Owner.WorkspaceId, CallApiFixture.Number2, default)).Greeting!;
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(greeting, 0, 4));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(greeting.AsSpan(20))); // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(greeting.AsSpan(22))); // mono
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(greeting.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(greeting.AsSpan(34)));
        Assert.Equal(12000 * 2, greeting.Length - 44);
        var blobs = fixture.Factory.Services.GetRequiredService<EncryptedBlobStore>();
        Assert.Single(await blobs.ListAsync(fixture.Owner.WorkspaceId, "greetings/").ToListAsync());

        await ApiDriver.Expect(await fixture.Owner.Client.DeleteAsync($"/v1/numbers/{fixture.Number2Id}/greeting"), HttpStatusCode.OK);
        Assert.Null((await Port(DateTimeOffset.UnixEpoch).GetAsync(fixture.Owner.WorkspaceId, CallApiFixture.Number2, default)).Greeting);
        Assert.Empty(await blobs.ListAsync(fixture.Owner.WorkspaceId, "greetings/").ToListAsync());
    }

    [Fact]
    public async Task Greeting_BadUploads_AreRefusedWithReasons()
    {
        var notWav = CallHistory.WavContent("definitely not a RIFF file"u8.ToArray());
        var cdRate = CallHistory.WavContent(CallHistory.ToneWav(44100, 1, 0.1));
        var truncated = CallHistory.WavContent(CallHistory.ToneWav(8000, 1, 0.1)[..30]);
        var plain = new StringContent("hello");

        foreach (var content in new HttpContent[] { notWav, cdRate, truncated })
        {
            var response = await fixture.Owner.Client.PutAsync($"/v1/numbers/{fixture.Number1Id}/greeting", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await ApiDriver.ProblemAsync(response);
            Assert.True(problem.GetProperty("errors").TryGetProperty("greeting", out JsonElement reasons), problem.ToString());
            Assert.NotEmpty(reasons[0].GetString()!);
        }

        var wrongType = await fixture.Owner.Client.PutAsync($"/v1/numbers/{fixture.Number1Id}/greeting", plain);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        await ApiDriver.Expect(await fixture.Watcher.Client.PutAsync($"/v1/numbers/{fixture.Number1Id}/greeting", CallHistory.WavContent(CallHistory.ToneWav(8000, 1, 0.1))), HttpStatusCode.Forbidden);
    }

    private DataNumberCallSettings Port(DateTimeOffset now) => new(
        fixture.Factory.Services.GetRequiredService<IServiceScopeFactory>(),
        fixture.Factory.Services.GetRequiredService<IWorkspaceBlobs>(),
        new FakeTimeProvider(now));
}
