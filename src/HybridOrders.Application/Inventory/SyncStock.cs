using FluentValidation;
using FluentValidation.Results;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

/// <summary>Bulk stock sync from an ERP or a store system: each line sets on-hand of one stock line to an absolute count
/// (at the line's location, else the request's), optionally only while it still is <c>compareOnHand</c>.</summary>
public sealed record SyncStock(string? LocationCode, IReadOnlyList<SyncStockLine?>? Lines, string? Reference) : ICommand<StockSyncResponse>;

public sealed record SyncStockLine(string? LocationCode, string? Sku, int? OnHand, int? CompareOnHand);

/// <summary>How many lines changed, how many were already right, and each refused line with why.</summary>
public sealed record StockSyncResponse(int Applied, int Unchanged, IReadOnlyList<StockSyncRefusal> Refused);

public sealed record StockSyncRefusal(int Index, string Sku, string LocationCode, string Code, string Detail);

public sealed class SyncStockValidator : AbstractValidator<SyncStock>
{
    public const int MaxLines = 5_000;

    public SyncStockValidator()
    {
        RuleFor(x => x.LocationCode).Must(c => c is null || Codes.IsValid(c))
            .WithMessage("'Location Code' must be 1–64 characters of letters, digits, '.', '_' or '-'.");
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Lines).NotEmpty().Must(l => l is null || l.Count <= MaxLines).WithMessage($"At most {MaxLines} lines are allowed.");
        // One pass over up to 5,000 lines (a child validator per line would cost more than the sync itself).
        RuleFor(x => x.Lines).Custom((lines, context) =>
        {
            if (lines is null || lines.Count > MaxLines) return;
            var root = context.InstanceToValidate.LocationCode;
            var seen = new Dictionary<(string, string), int>();
            for (var i = 0; i < lines.Count; i++)
            {
                var path = $"Lines[{i}]";
                if (lines[i] is not { } line)
                {
                    context.AddFailure(new ValidationFailure(path, "A line must not be null."));
                    continue;
                }
                var location = line.LocationCode ?? root;
                var valid = true;
                if (location is null || !Codes.IsValid(location))
                    valid = Fail(context, $"{path}.LocationCode", location is null
                        ? "Every line needs a location: its own 'locationCode' or the request's."
                        : "'Location Code' must be 1–64 characters of letters, digits, '.', '_' or '-'.");
                if (line.Sku is null || !Codes.IsValid(line.Sku))
                    valid = Fail(context, $"{path}.Sku", "'Sku' must be 1–64 characters of letters, digits, '.', '_' or '-'.");
                if (line.OnHand is not >= 0) valid = Fail(context, $"{path}.OnHand", "'On Hand' must be a count of 0 or more.");
                if (line.CompareOnHand is < 0) valid = Fail(context, $"{path}.CompareOnHand", "'Compare On Hand' must be 0 or more.");
                if (valid && !seen.TryAdd((location!, line.Sku!), i))
                    Fail(context, path, $"{line.Sku} at {location} is already set by lines[{seen[(location!, line.Sku!)]}]; each stock line may appear once.");
            }
        });
    }

    private static bool Fail(ValidationContext<SyncStock> context, string path, string message)
    {
        context.AddFailure(new ValidationFailure(path, message));
        return false;
    }
}

public sealed class SyncStockHandler(IHybridOrdersDbContext db, IStockLedger ledger, ICurrentUser user)
    : ICommandHandler<SyncStock, StockSyncResponse>
{
    public async ValueTask<StockSyncResponse> Handle(SyncStock command, CancellationToken ct)
    {
        var lines = command.Lines!.Select(l => new StockSyncLine(l!.LocationCode ?? command.LocationCode!, l.Sku!, l.OnHand!.Value, l.CompareOnHand)).ToList();
        var locations = lines.Select(l => l.LocationCode).Distinct(StringComparer.Ordinal).ToList();
        foreach (var location in locations) user.EnsureCanActAt(location);

        // Unknown locations and SKUs are refused per line: two set-based reads, whatever the number of lines.
        var skus = lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        var knownLocations = (await db.Locations.AsNoTracking().Where(l => locations.Contains(l.Code)).Select(l => l.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var knownSkus = (await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).Select(p => p.Sku).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var refused = new List<StockSyncRefusal>();
        var known = new List<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!knownLocations.Contains(line.LocationCode))
                refused.Add(new StockSyncRefusal(i, line.Sku, line.LocationCode, "unknown_location", $"There is no location '{line.LocationCode}'."));
            else if (!knownSkus.Contains(line.Sku))
                refused.Add(new StockSyncRefusal(i, line.Sku, line.LocationCode, "unknown_sku", $"There is no product '{line.Sku}'."));
            else
                known.Add(i);
        }

        var outcomes = known.Count == 0 ? [] : await ledger.SyncAsync(known.Select(i => lines[i]).ToList(), command.Reference!.Trim(), ct);
        int applied = 0, unchanged = 0;
        for (var k = 0; k < outcomes.Count; k++)
        {
            var (i, line, outcome) = (known[k], lines[known[k]], outcomes[k]);
            switch (outcome.Result)
            {
                case StockSyncResult.Applied: applied++; break;
                case StockSyncResult.Unchanged: unchanged++; break;
                case StockSyncResult.CompareFailed:
                    refused.Add(new StockSyncRefusal(i, line.Sku, line.LocationCode, "compare_failed",
                        $"On-hand of {line.Sku} at {line.LocationCode} is {outcome.OnHandBefore}, not {line.CompareOnHand}; nothing was changed."));
                    break;
                case StockSyncResult.CountBelowReserved:
                    refused.Add(new StockSyncRefusal(i, line.Sku, line.LocationCode, "count_below_reserved",
                        $"The count {line.OnHand} of {line.Sku} at {line.LocationCode} is below the {outcome.Reserved} units reserved there."));
                    break;
            }
        }
        return new StockSyncResponse(applied, unchanged, refused.OrderBy(r => r.Index).ToList());
    }
}
