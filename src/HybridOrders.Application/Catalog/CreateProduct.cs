using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Catalog;

public sealed record CreateProduct(string? Sku, string? Name, decimal? UnitPrice) : ICommand<ProductResponse>;

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator()
    {
        RuleFor(x => x.Sku).IsCode();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.UnitPrice).NotNull().InclusiveBetween(0m, Money.Max)
            .Must(p => Money.HasAtMostTwoDecimals(p!.Value)).WithMessage("'unitPrice' may have at most two decimals.")
            .When(x => x.UnitPrice is >= 0m and <= Money.Max, ApplyConditionTo.CurrentValidator);
    }
}

public sealed class CreateProductHandler(IHybridOrdersDbContext db, IClock clock, ShopSettings shop)
    : ICommandHandler<CreateProduct, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(CreateProduct command, CancellationToken ct)
    {
        if (await db.Products.AnyAsync(p => p.Sku == command.Sku, ct))
            throw new DomainException("product_exists", $"A product with SKU '{command.Sku}' already exists.");
        var product = new Product(command.Sku!, command.Name!.Trim(), command.UnitPrice!.Value, clock.GetCurrentInstant());
        db.Products.Add(product);
        return ProductResponse.From(product, shop.Currency);
    }
}
