using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A new, empty draft funnel.</summary>
public sealed record CreateFunnel(string? Name, string? Slug = null) : IFunnelFields;

public sealed class CreateFunnelHandler(INumiDb db, ITenantContext tenant, IValidator<CreateFunnel> validator, ControllableClock clock)
{
    public async Task<Result<Funnel>> HandleAsync(CreateFunnel command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Funnel>.Failure(errors);
        var slug = FunnelFieldsValidator<CreateFunnel>.SlugOf(command);
        if (await FunnelSlugs.TakenAsync(db, slug, null, ct) is { } taken) return taken;

        var funnel = Funnel.Create(tenant.OrganizationId!.Value, command.Name!, slug, clock.GetUtcNow().UtcDateTime);
        db.Funnels.Add(funnel);
        try
        {
            await db.SaveChangesAsync(ct);
            return funnel;
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            db.Entry(funnel).State = EntityState.Detached;
            if (await FunnelSlugs.TakenAsync(db, slug, funnel.Id, ct) is { } lost) return lost;
            throw;
        }
    }
}
