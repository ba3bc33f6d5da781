using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Events;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>GET /v1/events</c>: the signed-in caller's live feed as server-sent events (text/event-stream). Each event is
/// <c>id: &lt;sequence&gt;</c>, <c>event: &lt;type&gt;</c> and <c>data: {"id","type","timestamp","data"}</c>; a client
/// that reconnects sends <c>Last-Event-ID</c> (or <c>?after=</c>) and gets what it missed. Without it the stream starts
/// at now. Only events of numbers the caller may see are sent; a comment line is the heartbeat. The stream tails the
/// <c>WorkspaceEvents</c> outbox by sequence with short polling (<see cref="EventStreamOptions"/>).
/// </summary>
public static class EventStreamEndpoints
{
    private const int BatchSize = 200;

    public static RouteGroupBuilder MapEventStreamEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/events", StreamAsync).WithTags("Events").RequirePermission(Permission.NumbersRead)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return v1;
    }

    private static async Task StreamAsync(
        HttpContext http, Caller caller, PhonePlatformDbContext db, NpgsqlDataSource dataSource, IOptions<EventStreamOptions> settings, TimeProvider time,
        long? after, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var horizon = new SequenceHorizon(dataSource, time, options.GapWait);
        var position = LastEventId(http) ?? after ?? await horizon.LatestAsync(cancellationToken);
        var audience = new EventAudience(caller, time);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync($"retry: 2000\n: stream from {position}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);

        var lastWrite = time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var upTo = await horizon.ReadAsync(position, cancellationToken);
                if (upTo > position)
                {
                    await audience.RefreshAsync(db, cancellationToken);
                    var events = await db.WorkspaceEvents.AsNoTracking()
                        .Where(e => e.Sequence > position && e.Sequence <= upTo)
                        .OrderBy(e => e.Sequence)
                        .Take(BatchSize)
                        .ToListAsync(cancellationToken);
                    position = events.Count == BatchSize ? events[^1].Sequence : upTo;
                    var written = await WriteAsync(http.Response, audience, events, cancellationToken);
                    if (written)
                    {
                        lastWrite = time.GetUtcNow();
                    }

                    if (events.Count == BatchSize)
                    {
                        continue;
                    }
                }

                if (time.GetUtcNow() - lastWrite >= options.HeartbeatInterval)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    lastWrite = time.GetUtcNow();
                }

                await Task.Delay(options.PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<bool> WriteAsync(HttpResponse response, EventAudience audience, List<WorkspaceEvent> events, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        foreach (var workspaceEvent in events)
        {
            using var data = JsonDocument.Parse(workspaceEvent.Data.Value);
            if (!audience.MaySee(workspaceEvent, data.RootElement))
            {
                continue;
            }

            var envelope = JsonSerializer.Serialize(
                new { id = workspaceEvent.Id, type = workspaceEvent.Type, timestamp = workspaceEvent.OccurredAt, data = data.RootElement }, EventJson.Options);
            builder.Append(CultureInfo.InvariantCulture, $"id: {workspaceEvent.Sequence}\nevent: {workspaceEvent.Type}\ndata: {envelope}\n\n");
        }

        if (builder.Length == 0)
        {
            return false;
        }

        await response.WriteAsync(builder.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        return true;
    }

    private static long? LastEventId(HttpContext http) =>
        long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
