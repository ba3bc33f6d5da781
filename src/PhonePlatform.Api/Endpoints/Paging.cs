using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Paging;

namespace PhonePlatform.Api.Endpoints;

/// <summary>Cursor pagination over ids (UUIDv7, so id order is creation order): <c>?limit=50&amp;cursor=…</c>.</summary>
internal static class Paging
{
    public static Failure? TryAfter(string? cursor, out Guid after)
    {
        after = Guid.Empty;
        return cursor is null || Cursor.TryDecode(cursor, out after) ? null : Failure.Validation("cursor", "The cursor is not valid; pass back nextCursor unchanged.");
    }

    /// <summary>Takes one row more than the page to learn whether there is a next page.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, Guid> id)
    {
        var more = rows.Count > limit;
        var items = more ? rows[..limit] : rows;
        return new Page<T>(items, more ? Cursor.Encode(id(items[^1])) : null);
    }
}
