using System.Globalization;
using NodaTime;

namespace HybridOrders.Application.Common;

/// <summary>Cursor of a newest-first list: the last item's instant and its (unique) code.</summary>
public static class TimeKeyset
{
    public static string Key(Instant at, string code) => at.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "|" + code;

    public static string Cursor(Instant at, string code) => Paging.Encode(Key(at, code));

    public static bool TryParse(string cursor, out Instant at, out string code)
    {
        at = default;
        code = "";
        if (!Paging.TryDecode(cursor, out var key) || key is null) return false;
        var bar = key.IndexOf('|');
        if (bar <= 0 || !long.TryParse(key[..bar], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)) return false;
        at = Instant.FromUnixTimeTicks(ticks);
        code = key[(bar + 1)..];
        return code.Length > 0;
    }
}
