using System.Text.RegularExpressions;

namespace HybridOrders.Domain.Common;

/// <summary>SKUs and location codes: case-sensitive, 1–64 characters of [A-Za-z0-9._-].</summary>
public static partial class Codes
{
    public const int MaxLength = 64;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);
}
