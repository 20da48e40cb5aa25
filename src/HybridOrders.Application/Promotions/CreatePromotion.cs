using FluentValidation;
using HybridOrders.Application.Catalog;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Promotions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Promotions;

public sealed record CreatePromotion(string? Code, PromotionKind? Kind, decimal? Value, Instant? StartsAt, Instant? EndsAt,
    decimal? MinimumOrderTotal, int? MaxRedemptions) : ICommand<PromotionResponse>;

public sealed class CreatePromotionValidator : AbstractValidator<CreatePromotion>
{
    public CreatePromotionValidator()
    {
        RuleFor(x => x.Code).IsCode();
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Value).NotNull().GreaterThan(0m)
            .Must(v => Money.HasAtMostTwoDecimals(v!.Value)).WithMessage("'value' may have at most two decimals.");
        RuleFor(x => x.Value).LessThanOrEqualTo(100m).When(x => x.Kind == PromotionKind.Percent).WithMessage("A percent promotion is at most 100.");
        RuleFor(x => x.Value).LessThanOrEqualTo(Money.Max).When(x => x.Kind == PromotionKind.Amount);
        RuleFor(x => x.StartsAt).NotNull();
        RuleFor(x => x.EndsAt).NotNull().GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null).WithMessage("'endsAt' must be after 'startsAt'.");
        RuleFor(x => x.MinimumOrderTotal).InclusiveBetween(0m, Money.Max)
            .Must(v => v is null || Money.HasAtMostTwoDecimals(v.Value)).WithMessage("'minimumOrderTotal' may have at most two decimals.");
        RuleFor(x => x.MaxRedemptions).InclusiveBetween(1, int.MaxValue);
    }
}

public sealed class CreatePromotionHandler(IHybridOrdersDbContext db, IClock clock, ShopSettings shop) : ICommandHandler<CreatePromotion, PromotionResponse>
{
    public async ValueTask<PromotionResponse> Handle(CreatePromotion command, CancellationToken ct)
    {
        var code = Promotion.Normalize(command.Code!);
        if (await db.Promotions.AnyAsync(p => p.Code == code, ct))
            throw new DomainException("promotion_exists", $"Promo code '{code}' already exists.");
        var promotion = new Promotion(code, command.Kind!.Value, command.Value!.Value, command.StartsAt!.Value, command.EndsAt!.Value,
            command.MinimumOrderTotal, command.MaxRedemptions, clock.GetCurrentInstant());
        db.Promotions.Add(promotion);
        return PromotionResponse.From(promotion, shop.Currency);
    }
}
