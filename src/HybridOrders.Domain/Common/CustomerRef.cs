namespace HybridOrders.Domain.Common;

/// <summary>Who the customer is, as far as the channel knows: an id, an email, a phone and/or a name.
/// Emails are kept lower-case so one customer is recognised across channels.</summary>
public sealed record CustomerRef
{
    private CustomerRef() { } // EF Core

    public CustomerRef(string? id, string? email, string? phone, string? name)
    {
        Id = Clean(id);
        Email = Clean(email)?.ToLowerInvariant();
        Phone = Clean(phone);
        Name = Clean(name);
    }

    public string? Id { get; private init; }
    public string? Email { get; private init; }
    public string? Phone { get; private init; }
    public string? Name { get; private init; }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
