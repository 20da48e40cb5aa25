using HybridOrders.Application.Common;
using HybridOrders.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Webhooks;

public sealed record ListWebhooks : IQuery<Page<WebhookResponse>>;

public sealed class ListWebhooksHandler(IHybridOrdersDbContext db) : IQueryHandler<ListWebhooks, Page<WebhookResponse>>
{
    public async ValueTask<Page<WebhookResponse>> Handle(ListWebhooks query, CancellationToken ct)
    {
        var all = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        return new Page<WebhookResponse>(all.Select(WebhookResponse.From).ToList(), null);
    }
}

public sealed record GetWebhook(Guid Id) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(IHybridOrdersDbContext db) : IQueryHandler<GetWebhook, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(GetWebhook query, CancellationToken ct) =>
        WebhookResponse.From(await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, ct)
                             ?? throw new NotFoundException("Webhook", query.Id.ToString()));
}

/// <summary>Unsubscribe: no further attempts; its delivery log goes with it.</summary>
public sealed record DeleteWebhook(Guid Id) : ICommand<bool>;

public sealed class DeleteWebhookHandler(IHybridOrdersDbContext db) : ICommandHandler<DeleteWebhook, bool>
{
    public async ValueTask<bool> Handle(DeleteWebhook command, CancellationToken ct)
    {
        // One statement, whatever a dispatcher is doing with it right now (its lease is no concern of the caller's).
        if (await db.WebhookSubscriptions.Where(s => s.Id == command.Id).ExecuteDeleteAsync(ct) == 0)
            throw new NotFoundException("Webhook", command.Id.ToString());
        return true;
    }
}

/// <summary>A disabled subscription starts again at the event it was stuck on.</summary>
public sealed record EnableWebhook(Guid Id) : ICommand<WebhookResponse>;

public sealed class EnableWebhookHandler(IHybridOrdersDbContext db, IClock clock) : ICommandHandler<EnableWebhook, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(EnableWebhook command, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == command.Id, ct)
                           ?? throw new NotFoundException("Webhook", command.Id.ToString());
        // Only a disabled subscription changes (and no dispatcher holds a disabled one, so its lease cannot conflict).
        if (subscription.Status == WebhookStatus.Disabled) subscription.Enable(clock.GetCurrentInstant());
        return WebhookResponse.From(subscription);
    }
}

/// <summary>The delivery log of one subscription, newest attempt first.</summary>
public sealed record ListWebhookDeliveries(Guid Id, int? Limit) : IQuery<Page<WebhookDeliveryResponse>>;

public sealed class ListWebhookDeliveriesValidator : FluentValidation.AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() => RuleFor(x => x.Limit).IsPageLimit();
}

public sealed class ListWebhookDeliveriesHandler(IHybridOrdersDbContext db) : IQueryHandler<ListWebhookDeliveries, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListWebhookDeliveries query, CancellationToken ct)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == query.Id, ct)) throw new NotFoundException("Webhook", query.Id.ToString());
        var limit = query.Limit ?? Paging.DefaultLimit;
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.Id)
            .OrderByDescending(d => d.Id).Take(limit).ToListAsync(ct);
        return new Page<WebhookDeliveryResponse>(
            rows.Select(d => new WebhookDeliveryResponse(d.EventId, d.Type, d.Attempt, d.StatusCode, d.Error, d.At, d.DurationMs)).ToList(), null);
    }
}
