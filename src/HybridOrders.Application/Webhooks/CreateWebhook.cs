using System.Security.Cryptography;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Webhooks;

/// <summary>Subscribe a URL to some event types (or <c>*</c>). It receives the events committed from now on, signed with a
/// secret that the service generates and shows only in this answer. <c>batchSize</c> above 1 (an addition to the contract)
/// opts in to requests that carry up to that many consecutive events (see <see cref="WebhookSubscription.BatchSize"/>).</summary>
public sealed record CreateWebhook(string? Url, IReadOnlyList<string?>? Events, string? Description, int? BatchSize = null)
    : ICommand<WebhookCreatedResponse>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhook>
{
    public CreateWebhookValidator()
    {
        RuleFor(x => x.Url).NotEmpty().MaximumLength(WebhookSubscription.MaxUrlLength)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                                                                        && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment))
            .WithMessage("'url' must be an absolute http or https URL without credentials or fragment.");
        RuleFor(x => x.Events).NotEmpty()
            .Must(e => e is null || e.Count <= EventTypes.All.Count).WithMessage($"At most {EventTypes.All.Count} event types.")
            .Must(e => e is null || e.All(t => t == WebhookSubscription.AllEvents || (t is not null && EventTypes.IsKnown(t))))
            .WithMessage($"'events' must be [\"*\"] or event types of: {string.Join(", ", EventTypes.All)}.")
            .Must(e => e is null || !e.Contains(WebhookSubscription.AllEvents) || e.Count == 1)
            .WithMessage("'*' stands alone: it already means every event type.");
        RuleFor(x => x.Description).MaximumLength(500);
        RuleFor(x => x.BatchSize).InclusiveBetween(1, WebhookSubscription.MaxBatchSize);
    }
}

public sealed class CreateWebhookHandler(IHybridOrdersDbContext db, IWebhookUrlPolicy urlPolicy, IClock clock)
    : ICommandHandler<CreateWebhook, WebhookCreatedResponse>
{
    public async ValueTask<WebhookCreatedResponse> Handle(CreateWebhook command, CancellationToken ct)
    {
        var url = new Uri(command.Url!, UriKind.Absolute);
        if (await urlPolicy.RefusalAsync(url, ct) is { } refusal) throw new WebhookUrlNotAllowedException(refusal);

        // From now on: the subscription starts after the newest event committed so far.
        var cursor = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), url.AbsoluteUri, command.Events!.Select(e => e!).ToList(),
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(), secret, clock.GetCurrentInstant(), cursor,
            command.BatchSize ?? 1);
        db.WebhookSubscriptions.Add(subscription);
        return new WebhookCreatedResponse(subscription.Id, subscription.Url, subscription.Types, subscription.Description, subscription.Status,
            secret, subscription.CreatedAt, subscription.BatchSize);
    }
}
