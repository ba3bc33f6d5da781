using System.Text.Json;
using Microsoft.Playwright;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>Reads the JsSIP page's call state and WebRTC statistics.</summary>
internal static class Softphone
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<CallState> CallStateAsync(IPage page) =>
        JsonSerializer.Deserialize<CallState>(await page.EvaluateAsync<string>("() => JSON.stringify(window.softphone.state.call)"), Json)!;

    public static async Task<IncomingCall[]> IncomingAsync(IPage page) =>
        JsonSerializer.Deserialize<IncomingCall[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.softphone.state.incoming)"), Json)!;

    public static async Task<AudioStats> StatsAsync(IPage page) =>
        JsonSerializer.Deserialize<AudioStats>(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.softphone.stats())"), Json)!;

    /// <summary>Polls getStats until audio with energy has arrived (the echo of the browser's own fake microphone).</summary>
    public static async Task<AudioStats> WaitForAudioAsync(IPage page, int packets, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var stats = await StatsAsync(page);
        while ((stats.PacketsReceived < packets || stats.TotalAudioEnergy <= 0) && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            stats = await StatsAsync(page);
        }

        return stats;
    }

    /// <summary>Waits for <paramref name="condition"/>; a timeout names the call's state and JsSIP events, so a CI failure says why.</summary>
    public static async Task WaitAsync(IPage page, string condition, int timeoutMs = 40_000)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
        }
        catch (TimeoutException timeout)
        {
            var state = await page.EvaluateAsync<string>("() => JSON.stringify(window.softphone.state)");
            throw new TimeoutException($"{condition} not true within {timeoutMs} ms; softphone state: {state}", timeout);
        }
    }

    internal sealed record CallState(Progress[] Progress, bool Confirmed, bool Held, Ending? Ended, Ending? Failed, int? StatusCode, string[] Events);

    internal sealed record Progress(int? Status, bool Sdp);

    internal sealed record Ending(string Originator, string Cause);

    internal sealed record IncomingCall(string? DisplayName, string? User);

    internal sealed record AudioStats(long PacketsReceived, double TotalAudioEnergy, double AudioLevel, long PacketsSent, string? DtlsState, string? Codec);
}
