using System.Buffers.Binary;
using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/conversations</c>: the message threads of the numbers the caller may see, most recent first, with the
/// contact's name (matched through the blind index), the last message and the unread count; a thread's messages
/// newest first; mark read.
/// </summary>
public static class ConversationEndpoints
{
    private const int PreviewLength = 80;

    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var conversations = v1.MapGroup("/conversations").WithTags("Messages");
        conversations.MapGet("/", ListAsync).RequirePermission(Permission.NumbersRead);
        conversations.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.NumbersRead);
        conversations.MapGet("/{id:guid}/messages", MessagesAsync).RequirePermission(Permission.NumbersRead);
        conversations.MapPost("/{id:guid}/read", MarkReadAsync).RequirePermission(Permission.NumbersRead);
        return v1;
    }

    private static async Task<Results<Ok<Page<ConversationResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, PhonePlatformDbContext db, Guid? numberId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        (DateTimeOffset At, Guid Id) after = (DateTimeOffset.MaxValue, Guid.AllBitsSet);
        if (cursor is not null && !TryDecode(cursor, out after))
        {
            return Failure.Validation("cursor", "The cursor is not valid; pass back nextCursor unchanged.").ToResult();
        }

        var (afterAt, afterId) = after;
        var take = Cursor.Limit(limit);
        var query = Conversations.Visible(db, caller);
        if (numberId is { } number)
        {
            query = query.Where(c => c.PhoneNumberId == number);
        }

        var page = await query
            .Where(c => cursor == null || c.LastMessageAt < afterAt || (c.LastMessageAt == afterAt && c.Id < afterId))
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        var more = page.Count > take;
        if (more)
        {
            page.RemoveAt(take);
        }

        var items = await DescribeAsync(db, page, cancellationToken);
        return TypedResults.Ok(new Page<ConversationResponse>(items, more ? Encode(page[^1].LastMessageAt, page[^1].Id) : null));
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        var conversation = await Conversations.Visible(db, caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conversation is null
            ? Failure.NotFound("Conversation").ToResult()
            : TypedResults.Ok((await DescribeAsync(db, [conversation], cancellationToken))[0]);
    }

    private static async Task<Results<Ok<Page<MessageResponse>>, ProblemHttpResult>> MessagesAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var before) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (await Conversations.VisibleAsync(db, caller, id, cancellationToken) is not var (conversation, number))
        {
            return Failure.NotFound("Conversation").ToResult();
        }

        // Newest first: ids are UUIDv7, so id order is creation order and the cursor is the last id shown.
        var take = Cursor.Limit(limit);
        var rows = await db.Set<Message>()
            .Where(m => m.ConversationId == id && (cursor == null || m.Id < before))
            .OrderByDescending(m => m.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows.Select(m => MessageViews.From(m, conversation, number)).ToList(), take, m => m.Id));
    }

    private static async Task<Results<Ok<ConversationReadResponse>, ProblemHttpResult>> MarkReadAsync(
        Guid id, Caller caller, PhonePlatformDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await Conversations.Visible(db, caller).AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Failure.NotFound("Conversation").ToResult();
        }

        var now = time.GetUtcNow();
        var marked = await db.Set<Message>()
            .Where(m => m.ConversationId == id && m.Direction == MessageDirection.Inbound && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), cancellationToken);
        return TypedResults.Ok(new ConversationReadResponse(id, marked));
    }

    /// <summary>Adds the contact name, last message and unread count to a page of conversations (four queries per page).</summary>
    private static async Task<List<ConversationResponse>> DescribeAsync(PhonePlatformDbContext db, List<Conversation> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(c => c.Id).ToList();
        var last = await db.Set<Message>()
            .Where(m => ids.Contains(m.ConversationId)
                && m.Id == db.Set<Message>().Where(x => x.ConversationId == m.ConversationId).OrderByDescending(x => x.Id).Select(x => x.Id).First())
            .ToListAsync(cancellationToken);
        var lastByConversation = last.ToDictionary(m => m.ConversationId);
        var unread = await db.Set<Message>()
            .Where(m => ids.Contains(m.ConversationId) && m.Direction == MessageDirection.Inbound && m.ReadAt == null)
            .GroupBy(m => m.ConversationId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var indexes = page.Where(c => c.ParticipantIndex is not null).Select(c => c.ParticipantIndex!).ToList();
        var contacts = await db.Contacts.Include(c => c.Phones)
            .Where(c => c.Phones.Any(p => indexes.Contains(p.NumberIndex!)))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. page.Select(c =>
        {
            var contact = contacts.FirstOrDefault(k => k.Phones.Any(p => p.NumberIndex is not null && c.ParticipantIndex is not null && p.NumberIndex.AsSpan().SequenceEqual(c.ParticipantIndex)));
            var preview = lastByConversation.TryGetValue(c.Id, out var message) ? Preview(message.Body.Value) : null;
            return new ConversationResponse(c.Id, c.PhoneNumberId, c.Participant.Value, contact?.Name.Value, c.LastMessageAt, preview, unread.GetValueOrDefault(c.Id));
        })];
    }

    private static string Preview(string body) => body.Length <= PreviewLength ? body : string.Concat(body.AsSpan(0, PreviewLength - 1), "…");

    // Conversations move to the top when a message arrives, so their order is (LastMessageAt, Id) descending and the
    // cursor carries both: 8 octets of UTC ticks and the 16-octet id, base64url.
    private static string Encode(DateTimeOffset at, Guid id)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.UtcTicks);
        id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    private static bool TryDecode(string cursor, out (DateTimeOffset At, Guid Id) after)
    {
        after = default;
        Span<byte> bytes = stackalloc byte[24];
        if (cursor.Length != 32 || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 24)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        after = (new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
        return true;
    }
}
