using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

internal static class Interception
{
    public static NumiDbContext ContextWithInterceptor(this TestDatabase database, ITenantContext tenant, IInterceptor interceptor)
        => database.CreateContext(tenant, options => options.AddInterceptors(interceptor));
}
