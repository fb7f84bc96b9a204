using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.ApiKeys;

public sealed record RevokeApiKey(Guid KeyId);

public sealed class RevokeApiKeyHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<ApiKey>> HandleAsync(RevokeApiKey command, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.KeyId, ct);
        if (key is null) return Error.NotFound("This API key does not exist.");
        var revoked = key.Revoke(clock.GetUtcNow().UtcDateTime);
        if (!revoked.Succeeded) return revoked;
        await db.SaveChangesAsync(ct);
        return key;
    }
}
