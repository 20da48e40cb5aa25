namespace HybridOrders.Domain.Common;

/// <summary>How a refused business rule should be reported: a conflict with current state (stock, status)
/// or a well-formed request that is not acceptable.</summary>
public enum RefusalKind
{
    Conflict,
    Unprocessable,
}

/// <summary>A business rule refused the operation. <see cref="Code"/> is stable and machine-readable.</summary>
public class DomainException(string code, string message, RefusalKind kind = RefusalKind.Conflict)
    : Exception(message)
{
    public string Code { get; } = code;
    public RefusalKind Kind { get; } = kind;

    /// <summary>Extra members for the problem response (e.g. <c>shortages</c>).</summary>
    public virtual IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>();
}
