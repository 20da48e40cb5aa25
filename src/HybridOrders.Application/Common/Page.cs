using System.Buffers.Text;
using System.Text;

namespace HybridOrders.Application.Common;

/// <summary>One page of a list: <c>{ items, nextCursor }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Keyset paging. A cursor is the opaque, URL-safe form of the last key of the previous page.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    public static bool TryDecode(string? cursor, out string? lastKey)
    {
        lastKey = null;
        if (cursor is null) return true;
        try
        {
            lastKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return lastKey.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Takes <paramref name="limit"/> items from <paramref name="fetched"/> (which holds up to limit + 1)
    /// and makes the cursor from the last item's key when there is more.</summary>
    public static Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> fetched, int limit, Func<TIn, string> key, Func<TIn, TOut> map)
    {
        var items = fetched.Take(limit).Select(map).ToList();
        var next = fetched.Count > limit ? Encode(key(fetched[limit - 1])) : null;
        return new Page<TOut>(items, next);
    }
}
