using System.Diagnostics;
using FluentValidation;
using HybridOrders.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace HybridOrders.Application.Common;

/// <summary>Logs every message with its outcome and duration.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{Message} handled in {Elapsed} ms", typeof(TMessage).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is ValidationException or Domain.Common.DomainException or NotFoundException or ForbiddenAccessException)
        {
            logger.LogInformation("{Message} refused: {Reason}", typeof(TMessage).Name, ex.Message);
            throw;
        }
    }
}

/// <summary>Validates every message once, before its handler, with all its FluentValidation validators.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

/// <summary>Runs each command in one transaction: all of it is written, or nothing. An <see cref="ITransactionOnDemand"/>
/// command begins it itself when its one self-committing statement is not enough.</summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public ValueTask<TResponse> Handle(TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        new(unitOfWork.InTransactionAsync(ct => next(message, ct).AsTask(), message is ITransactionOnDemand, cancellationToken));
}

/// <summary>Records holds and orders by channel and outcome, and refusals for want of stock, on <see cref="HybridOrdersMetrics"/>;
/// outermost, so that refused and invalid requests count too. Other messages pass straight through.</summary>
public sealed class MetricsBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not (Reservations.HoldStock or Orders.PlaceOrder)) return await next(message, cancellationToken);
        var outcome = "error";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = message is Reservations.HoldStock ? "held" : "placed";
            return response;
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                ValidationException => "invalid",
                Domain.Inventory.InsufficientStockException => "insufficient_stock",
                Domain.Common.DomainException d => d.Code,
                NotFoundException => "not_found",
                ForbiddenAccessException => "forbidden",
                _ => "error",
            };
            if (outcome == "insufficient_stock") HybridOrdersMetrics.StockRefused(message is Reservations.HoldStock ? "hold" : "order");
            throw;
        }
        finally
        {
            Record(message, outcome);
        }
    }

    private static void Record(TMessage message, string outcome)
    {
        switch (message)
        {
            case Reservations.HoldStock hold:
                HybridOrdersMetrics.HoldRequested(hold.Channel?.ToSnakeCase() ?? "none", outcome);
                break;
            case Orders.PlaceOrder order:
                HybridOrdersMetrics.OrderRequested(order.Channel?.ToSnakeCase() ?? "none", order.Fulfilment?.Type?.ToSnakeCase() ?? "none", outcome);
                break;
        }
    }
}
