using FluentValidation;
using FluentValidation.Results;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Forecasting;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Forecasting;

public sealed record SalesHistoryLine(LocalDate? Date, string? LocationCode, string? Sku, SalesChannel? Channel, int? Quantity);

/// <summary>Past daily sales from a previous system. A line for a date, location, SKU and channel already imported replaces it.
/// All lines are written or none.</summary>
public sealed record ImportSalesHistory(IReadOnlyList<SalesHistoryLine?>? Lines) : ICommand<ImportSalesHistoryResponse>;

/// <summary><c>accepted</c>: lines written (a line repeated in the request counts once, the last one wins).</summary>
public sealed record ImportSalesHistoryResponse(int Accepted, int Inserted, int Replaced);

public sealed class ImportSalesHistoryValidator : AbstractValidator<ImportSalesHistory>
{
    public const int MaxLines = 10_000;

    public ImportSalesHistoryValidator()
    {
        RuleFor(x => x.Lines).NotEmpty().Must(l => l is null || l.Count <= MaxLines).WithMessage($"At most {MaxLines} lines are allowed per request.");
        RuleForEach(x => x.Lines).Cascade(CascadeMode.Continue).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l!.Date).NotNull();
            line.RuleFor(l => l!.LocationCode).IsCode();
            line.RuleFor(l => l!.Sku).IsCode();
            line.RuleFor(l => l!.Channel).NotNull().IsInEnum();
            line.RuleFor(l => l!.Quantity).NotNull().InclusiveBetween(0, ValidationRules.MaxQuantity);
        }).When(x => x.Lines is { Count: <= MaxLines });
    }
}

public sealed class ImportSalesHistoryHandler(IHybridOrdersDbContext db, IClock clock, IDateTimeZoneProvider zones, ISalesHistoryStatistics statistics)
    : ICommandHandler<ImportSalesHistory, ImportSalesHistoryResponse>
{
    /// <summary>From this many new rows on, an import is a bulk load: the planner statistics are refreshed with it.</summary>
    public const int BulkInsertRows = 1_000;

    public async ValueTask<ImportSalesHistoryResponse> Handle(ImportSalesHistory command, CancellationToken ct)
    {
        var lines = command.Lines!.Select(l => l!).ToList();
        var now = clock.GetCurrentInstant();

        var codes = lines.Select(l => l.LocationCode!).Distinct(StringComparer.Ordinal).ToList();
        var zoneOf = (await db.Locations.AsNoTracking().Where(l => codes.Contains(l.Code)).Select(l => new { l.Code, l.TimeZoneId }).ToListAsync(ct))
            .ToDictionary(l => l.Code, l => zones.GetZoneOrNull(l.TimeZoneId) ?? DateTimeZone.Utc, StringComparer.Ordinal);
        var unknown = codes.Where(c => !zoneOf.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
            throw new UnknownReferenceException("unknown_location", $"Unknown location(s): {string.Join(", ", unknown.Take(20))}.", unknown);
        await db.RequireProductsAsync(lines.Select(l => l.Sku!).ToList(), ct);

        // History is the past: a date after the location's own today is refused (400, keyed by the line).
        var future = lines.Select((l, i) => (l, i)).Where(x => x.l.Date!.Value > now.InZone(zoneOf[x.l.LocationCode!]).Date)
            .Select(x => new ValidationFailure($"Lines[{x.i}].Date", $"{x.l.Date:uuuu-MM-dd} is after today at {x.l.LocationCode}: history cannot be in the future."))
            .Take(100).ToList();
        if (future.Count > 0) throw new ValidationException(future);

        var wanted = new Dictionary<(string Sku, string Location, LocalDate Date, SalesChannel Channel), int>();
        foreach (var l in lines) wanted[(l.Sku!, l.LocationCode!, l.Date!.Value, l.Channel!.Value)] = l.Quantity!.Value;

        var skus = wanted.Keys.Select(k => k.Sku).Distinct().ToList();
        var from = wanted.Keys.Min(k => k.Date);
        var to = wanted.Keys.Max(k => k.Date);
        var existing = (await db.ImportedSales.Where(s => skus.Contains(s.Sku) && codes.Contains(s.LocationCode) && s.Date >= from && s.Date <= to).ToListAsync(ct))
            .ToDictionary(s => (s.Sku, s.LocationCode, s.Date, s.Channel));

        int inserted = 0, replaced = 0;
        foreach (var (key, quantity) in wanted)
        {
            if (existing.TryGetValue(key, out var row))
            {
                row.Replace(quantity, now);
                replaced++;
            }
            else
            {
                db.ImportedSales.Add(new ImportedSale(key.Sku, key.Location, key.Date, key.Channel, quantity, now));
                inserted++;
            }
        }
        if (inserted >= BulkInsertRows)
        {
            await db.SaveChangesAsync(ct);
            await statistics.RefreshAsync(ct);
        }
        return new ImportSalesHistoryResponse(wanted.Count, inserted, replaced);
    }
}
