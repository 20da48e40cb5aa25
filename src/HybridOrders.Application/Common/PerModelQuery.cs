using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HybridOrders.Application.Common;

/// <summary>
/// A query of a hot path compiled once (<see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,IQueryable{TResult}}})"/>
/// and its overloads) instead of having its LINQ looked up in EF Core's query cache on every call: that look-up (extracting
/// the parameters, hashing and comparing the expression tree) was about 8 % of the API's CPU under the order load.
/// <para>One compiled delegate per EF model: EF refuses a compiled query on a context whose model is not the one it was
/// first compiled for, and one process may hold several (the tests run SQLite, PostgreSQL and Citus side by side).</para>
/// <para>Use it only for queries whose shape never varies; a query built from a caller's condition stays plain LINQ.</para>
/// </summary>
public sealed class PerModelQuery<TDelegate>(Func<TDelegate> compile) where TDelegate : Delegate
{
    private readonly ConditionalWeakTable<IModel, TDelegate> byModel = new();

    /// <summary>The compiled delegate for <paramref name="db"/>'s model, and the context to call it with.</summary>
    public (TDelegate Query, DbContext Context) For(IHybridOrdersDbContext db)
    {
        var context = db as DbContext
            ?? throw new InvalidOperationException($"A compiled query needs the EF Core context itself, not a {db.GetType().Name}.");
        return (byModel.GetValue(context.Model, _ => compile()), context);
    }
}
