using FluentValidation;
using HybridOrders.Domain.Common;

namespace HybridOrders.Application.Customers;

/// <summary>How a request names a customer, and how responses show one: any of id, email, phone, name.</summary>
public sealed record CustomerDto(string? Id, string? Email, string? Phone, string? Name)
{
    public static CustomerDto From(CustomerRef c) => new(c.Id, c.Email, c.Phone, c.Name);
    public CustomerRef ToDomain() => new(Id, Email, Phone, Name);
}

public static class CustomerRules
{
    /// <summary>Present, recognisable by at least one of id, email, phone or name, and each of those well-formed.</summary>
    public static IRuleBuilderOptions<T, CustomerDto?> IsCustomer<T>(this IRuleBuilder<T, CustomerDto?> rule) =>
        rule.NotNull()
            .Must(c => !string.IsNullOrWhiteSpace(c!.Id) || !string.IsNullOrWhiteSpace(c.Email)
                       || !string.IsNullOrWhiteSpace(c.Phone) || !string.IsNullOrWhiteSpace(c.Name))
            .WithMessage("A customer needs at least one of id, email, phone or name.")
            .SetValidator(new CustomerValidator()!);
}

public sealed class CustomerValidator : AbstractValidator<CustomerDto>
{
    public CustomerValidator()
    {
        RuleFor(c => c.Id).MaximumLength(128);
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Phone).MaximumLength(32).Matches(@"^\+?[0-9 ()\-]{3,32}$")
            .When(c => !string.IsNullOrWhiteSpace(c.Phone)).WithMessage("'phone' must be digits, spaces, dashes or brackets, optionally starting with '+'.");
        RuleFor(c => c.Name).MaximumLength(200);
    }
}
