using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Customers;

/// <summary>One person across channels. A record merged into another keeps its id (old links to it still resolve) and
/// points at the one it became part of.</summary>
public sealed class Customer
{
    private Customer() { } // EF Core

    public Customer(string id) => Id = id;

    public string Id { get; private set; } = null!;
    public string? MergedIntoId { get; private set; }

    /// <summary>A new registry id: "cus_" and a time-ordered (version 7) GUID, so the older of two records sorts first.</summary>
    public static string NewId() => "cus_" + Guid.CreateVersion7().ToString("N");
}

public enum IdentifierKind
{
    Id,
    Email,
    Phone,
}

/// <summary>A way a customer is known: the (kind, normalized value) pair is unique, so it belongs to exactly one record.</summary>
public sealed class CustomerIdentifier
{
    private CustomerIdentifier() { } // EF Core

    public IdentifierKind Kind { get; private set; }
    /// <summary>Normalized: an email lower-case, a phone its digits only, an explicit id trimmed.</summary>
    public string Value { get; private set; } = null!;
    /// <summary>As first given (a phone keeps its spaces and '+').</summary>
    public string Display { get; private set; } = null!;
    public string CustomerId { get; private set; } = null!;
}

public enum CustomerActivity
{
    Order,
    Reservation,
}

/// <summary>An order or hold recorded against a customer, with its channel, time and the name given then.</summary>
public sealed class CustomerLink
{
    private CustomerLink() { } // EF Core

    public CustomerLink(CustomerActivity activity, Guid subjectId, string customerId, SalesChannel channel, string? name, Instant at)
    {
        Activity = activity;
        SubjectId = subjectId;
        CustomerId = customerId;
        Channel = channel;
        Name = name;
        At = at;
    }

    public CustomerActivity Activity { get; private set; }
    public Guid SubjectId { get; private set; }
    public string CustomerId { get; private set; } = null!;
    public SalesChannel Channel { get; private set; }
    public string? Name { get; private set; }
    public Instant At { get; private set; }
}

/// <summary>How identifiers are compared: email case-insensitive, phone by its digits, explicit id as given (trimmed).</summary>
public static class CustomerKeys
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string NormalizePhone(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Every identifier a customer reference carries, normalized, in ordinal order (claims always lock in one order).</summary>
    public static IReadOnlyList<(IdentifierKind Kind, string Value, string Display)> Of(CustomerRef customer)
    {
        var keys = new List<(IdentifierKind, string, string)>();
        if (customer.Id is { } id) keys.Add((IdentifierKind.Id, id.Trim(), id.Trim()));
        if (customer.Email is { } email) keys.Add((IdentifierKind.Email, NormalizeEmail(email), email.Trim()));
        if (customer.Phone is { } phone && NormalizePhone(phone) is { Length: > 0 } digits) keys.Add((IdentifierKind.Phone, digits, phone.Trim()));
        return keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList();
    }
}
