using System.Text.Json;
using System.Threading.Channels;

namespace PhonePlatform.Api.IntegrationTests.Messaging;

/// <summary>One server-sent event as received.</summary>
internal sealed record ServerSentEvent(string? Id, string? Type, JsonElement Data);

/// <summary>
/// Reads a text/event-stream response event by event (comments such as heartbeats are counted, not returned). One
/// pump reads the stream to its end; waits time out on the queue, never on the stream (TestServer aborts a response
/// whose read is cancelled).
/// </summary>
internal sealed class SseReader : IDisposable
{
    private readonly HttpResponseMessage response;
    private readonly Channel<ServerSentEvent> events = Channel.CreateUnbounded<ServerSentEvent>();
    private int comments;

    public SseReader(HttpResponseMessage response)
    {
        this.response = response;
        _ = PumpAsync();
    }

    public int Comments => Volatile.Read(ref comments);

    /// <summary>The next event, or null when <paramref name="timeout"/> passes first.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await events.Reader.ReadAsync(cancel.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> arrives; fails after <paramref name="seconds"/>.</summary>
    public async Task<ServerSentEvent> NextOfTypeAsync(string type, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow);
            if (next?.Type == type)
            {
                return next;
            }
        }

        throw new TimeoutException($"No {type} event on the stream.");
    }

    public void Dispose() => response.Dispose();

    private async Task PumpAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            string? id = null, type = null, data = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        using var document = JsonDocument.Parse(data);
                        events.Writer.TryWrite(new ServerSentEvent(id, type, document.RootElement.Clone()));
                    }

                    (id, type, data) = (null, null, null);
                }
                else if (line.StartsWith(':'))
                {
                    Interlocked.Increment(ref comments);
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The response was disposed or aborted.
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }
}
