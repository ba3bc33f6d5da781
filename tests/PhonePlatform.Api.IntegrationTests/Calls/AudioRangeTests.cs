using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Crypto;

namespace PhonePlatform.Api.IntegrationTests.Calls;

/// <summary>Voicemail audio streamed from a real encrypted WAV (several 64 KiB chunks) with HTTP range requests.</summary>
public sealed class AudioRangeTests(CallApiFixture fixture) : IClassFixture<CallApiFixture>
{
    // 8 kHz stereo 16-bit for 7 s: 224,044 bytes, four chunks, the last one partial.
    private readonly byte[] wav = CallHistory.ToneWav(8000, 2, 7);

    [Fact]
    public async Task Audio_WholeFile_DecryptsToTheStoredWav()
    {
        var id = await AddAsync();
        var response = await fixture.Owner.Client.GetAsync($"/v1/voicemails/{id}/audio");

        await ApiDriver.Expect(response, HttpStatusCode.OK);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(wav.Length, response.Content.Headers.ContentLength);
        Assert.Equal(wav, await response.Content.ReadAsByteArrayAsync());
        // Only ciphertext on disk.
        var stored = Directory.EnumerateFiles(fixture.BlobFolder, $"{id:N}.wav", SearchOption.AllDirectories).Single();
        Assert.NotEqual(-1, BlobCipher.GetKeyVersion(File.ReadAllBytes(stored)));
        Assert.True(File.ReadAllBytes(stored).AsSpan().IndexOf("RIFF"u8) < 0);
    }

    [Theory]
    [InlineData("bytes=0-43", 0, 43)] // the WAV header
    [InlineData("bytes=65530-131080", 65530, 131080)] // across two chunk boundaries, in the middle
    [InlineData("bytes=200000-", 200000, 224043)] // open-ended, into the last chunk
    [InlineData("bytes=-500", 223544, 224043)] // suffix
    [InlineData("bytes=131072-131072", 131072, 131072)] // one byte at a chunk boundary
    public async Task Audio_SatisfiableRange_Returns206WithThoseBytes(string range, int first, int last)
    {
        var id = await AddAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/voicemails/{id}/audio");
        request.Headers.Range = RangeHeaderValue.Parse(range);

        var response = await fixture.Owner.Client.SendAsync(request);

        await ApiDriver.Expect(response, HttpStatusCode.PartialContent);
        var contentRange = response.Content.Headers.ContentRange!;
        Assert.Equal((first, last, wav.Length), (contentRange.From, contentRange.To, contentRange.Length));
        Assert.Equal(wav[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=224044-")]
    [InlineData("bytes=300000-300010")]
    public async Task Audio_UnsatisfiableRange_Returns416WithLength(string range)
    {
        var id = await AddAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/voicemails/{id}/audio");
        request.Headers.Range = RangeHeaderValue.Parse(range);

        var response = await fixture.Owner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal(wav.Length, response.Content.Headers.ContentRange!.Length);
        Assert.False(response.Content.Headers.ContentRange.HasRange);
    }

    [Fact]
    public async Task Audio_IfRange_RangeOnlyWhenTheValidatorMatches()
    {
        var id = await AddAsync();
        var first = await fixture.Owner.Client.GetAsync($"/v1/voicemails/{id}/audio");
        var etag = first.Headers.ETag!;

        var matching = await SendRangeAsync(id, etag.Tag);
        var stale = await SendRangeAsync(id, "\"0123\"");

        Assert.Equal(HttpStatusCode.PartialContent, matching.StatusCode);
        Assert.Equal(wav[100..200], await matching.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(wav, await stale.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ListenedAndDelete_MarkThenRemoveRecordAndBlob()
    {
        var id = await AddAsync();
        var listened = await fixture.User.Client.PostAsync($"/v1/voicemails/{id}/listened", null);
        await ApiDriver.Expect(listened, HttpStatusCode.OK);
        Assert.True((await listened.Content.ReadFromJsonAsync<VoicemailResponse>(ApiDriver.Json))!.Listened);
        var unlistened = await fixture.Owner.Client.GetFromJsonAsync<Page<VoicemailResponse>>("/v1/voicemails?listened=false&limit=200", ApiDriver.Json);
        Assert.DoesNotContain(unlistened!.Items, v => v.Id == id);

        await ApiDriver.Expect(await fixture.Viewer.Client.DeleteAsync($"/v1/voicemails/{id}"), HttpStatusCode.Forbidden);
        await ApiDriver.Expect(await fixture.Watcher.Client.DeleteAsync($"/v1/voicemails/{id}"), HttpStatusCode.NotFound);
        await ApiDriver.Expect(await fixture.User.Client.DeleteAsync($"/v1/voicemails/{id}"), HttpStatusCode.NoContent);

        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/voicemails/{id}"), HttpStatusCode.NotFound);
        await ApiDriver.Expect(await fixture.Owner.Client.GetAsync($"/v1/voicemails/{id}/audio"), HttpStatusCode.NotFound);
        Assert.False(await fixture.Factory.Services.GetRequiredService<EncryptedBlobStore>().ExistsAsync(fixture.Owner.WorkspaceId, $"voicemail/{id:N}.wav"));
    }

    private Task<Guid> AddAsync() =>
        CallHistory.AddVoicemailAsync(fixture.Factory.Services, fixture.Owner.WorkspaceId, CallApiFixture.Number1, wav);

    private async Task<HttpResponseMessage> SendRangeAsync(Guid id, string ifRange)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/voicemails/{id}/audio");
        request.Headers.Range = RangeHeaderValue.Parse("bytes=100-199");
        request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        return await fixture.Owner.Client.SendAsync(request);
    }
}
