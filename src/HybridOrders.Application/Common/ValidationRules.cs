using FluentValidation;
using HybridOrders.Domain.Common;

namespace HybridOrders.Application.Common;

public static class ValidationRules
{
    /// <summary>Upper bound for one line's quantity: large enough for any shop, small enough that sums never overflow.</summary>
    public const int MaxQuantity = 1_000_000;

    public const int MaxLines = 200;

    public static IRuleBuilderOptions<T, string?> IsCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(Codes.IsValid!)
            .WithMessage("'{PropertyName}' must be 1–64 characters of letters, digits, '.', '_' or '-'.");

    public static IRuleBuilderOptions<T, int?> IsQuantity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().InclusiveBetween(1, MaxQuantity);

    public static IRuleBuilderOptions<T, int?> IsPageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Paging.MaxLimit);

    public static IRuleBuilderOptions<T, string?> IsCursor<T>(this IRuleBuilder<T, string?> rule, Func<string, bool>? keyIsValid = null) =>
        rule.Must(c => c is null || (Paging.TryDecode(c, out var key) && (keyIsValid ?? Codes.IsValid)(key!)))
            .WithMessage("'{PropertyName}' is not a cursor returned by this list.");
}

/// <summary>A line of SKU and quantity, as clients send it.</summary>
public sealed record QuantityLine(string? Sku, int? Quantity);

public sealed class QuantityLineValidator : AbstractValidator<QuantityLine>
{
    public QuantityLineValidator()
    {
        RuleFor(l => l.Sku).IsCode();
        RuleFor(l => l.Quantity).IsQuantity();
    }
}

public static class QuantityLineRules
{
    public static void ValidLines<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<QuantityLine?>?>> lines) =>
        validator.ValidLines(lines, new QuantityLineValidator());

    /// <summary>1 to <see cref="ValidationRules.MaxLines"/> lines, every one of them checked by <paramref name="lineValidator"/>.</summary>
    public static void ValidLines<T, TLine>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<TLine?>?>> lines,
        IValidator<TLine> lineValidator) where TLine : class
    {
        validator.RuleFor(lines).NotEmpty().Must(l => l is null || l.Count() <= ValidationRules.MaxLines)
            .WithMessage($"At most {ValidationRules.MaxLines} lines are allowed.");
        // Continue: with the global Stop, a collection rule would stop at the first bad element and leave the rest unchecked.
        validator.RuleForEach(lines!).Cascade(CascadeMode.Continue).NotNull().SetValidator(lineValidator!);
    }

    public static IReadOnlyList<Domain.Inventory.StockQuantity> ToStockQuantities(this IEnumerable<QuantityLine?> lines) =>
        Domain.Inventory.StockQuantity.Normalize(lines.Select(l => new Domain.Inventory.StockQuantity(l!.Sku!, l.Quantity!.Value)));
}
