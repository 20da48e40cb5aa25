namespace HybridOrders.Domain.Common;

public static class EnumText
{
    /// <summary>InProgress → in_progress, as on the wire.</summary>
    public static string ToSnakeCase(this Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
