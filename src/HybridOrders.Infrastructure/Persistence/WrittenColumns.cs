using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>For hand-written INSERTs beside EF Core (the hold statement, the delivery log): the columns a statement writes
/// must be the table's columns in the EF model, so that a column added to either cannot be silently left out (a NOT NULL
/// column without a default would fail every such insert).</summary>
internal static class WrittenColumns
{
    /// <summary>Throws when <paramref name="written"/> is not exactly the model's columns of <paramref name="table"/>;
    /// <paramref name="writer"/> names the statement and the file to update.</summary>
    public static void Check(IModel model, string table, IReadOnlyCollection<string> written, string writer)
    {
        var store = StoreObjectIdentifier.Table(table);
        var columns = model.GetEntityTypes().Where(t => t.GetTableName() == table)
            .SelectMany(t => t.GetProperties()).Select(p => p.GetColumnName(store)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!columns.SetEquals(written))
            throw new InvalidOperationException(
                $"{writer} writes [{string.Join(", ", written)}] to {table}, the model has [{string.Join(", ", columns.Order())}].");
    }
}
