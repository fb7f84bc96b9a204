using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Orders;

namespace Numi.Core.Checkout;

/// <summary>The two reads inside every order's transaction (<see cref="CheckoutFulfilment"/>), compiled once per EF model:
/// each payment otherwise pays the query cache's lookup (its expression's parameters extracted and the tree hashed)
/// while it holds the write lock. The tenant's query filter still applies: a compiled query reads the filter's
/// organization from the context it runs on. Compiled per model as <see cref="Tenancy.AcrossTenants"/>'s session read
/// is (a process may hold SQLite's and PostgreSQL's models side by side).</summary>
internal static class OrderWriteQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, CancellationToken, Task<Customer?>>> CustomerByModel = new();
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, CancellationToken, Task<int?>>> LastNumberByModel = new();

    /// <summary>The organization's customer with this email key, tracked (the payment updates it).</summary>
    public static Task<Customer?> CustomerAsync(INumiDb db, string emailKey, CancellationToken ct)
    {
        var context = (DbContext)db;
        return CustomerByModel.GetValue(context.Model, _ => EF.CompileAsyncQuery((DbContext c, string key, CancellationToken token) =>
            c.Set<Customer>().FirstOrDefault(x => x.EmailKey == key)))(context, emailKey, ct);
    }

    /// <summary>The organization's highest order number; null before its first order.</summary>
    public static Task<int?> LastNumberAsync(INumiDb db, CancellationToken ct)
    {
        var context = (DbContext)db;
        return LastNumberByModel.GetValue(context.Model, _ => EF.CompileAsyncQuery((DbContext c, CancellationToken token) =>
            c.Set<Order>().Max(o => (int?)o.Number)))(context, ct);
    }
}
