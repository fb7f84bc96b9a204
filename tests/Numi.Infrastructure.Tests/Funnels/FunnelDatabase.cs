using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>Runs funnel use cases the way a request does: each in a fresh context of one organization.</summary>
internal sealed class FunnelDatabase(TestDatabase database)
{
    public async Task<T> InAsync<T>(Guid organizationId, Func<NumiDbContext, FunnelEditor, Task<T>> work)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await work(db, new FunnelEditor(db, SeededCatalog.Clock()));
    }

    public Task<Result<Funnel>> CreateAsync(Guid organizationId, string name) => InAsync(organizationId, (db, _) =>
        new CreateFunnelHandler(db, new TestTenant(organizationId), new FunnelFieldsValidator<CreateFunnel>(), SeededCatalog.Clock())
            .HandleAsync(new CreateFunnel(name), default));

    public Task<Result<FunnelStep>> AddStepAsync(Guid organizationId, Guid funnelId, int revision, FunnelStepType type) =>
        InAsync(organizationId, (_, editor) => new AddFunnelStepHandler(editor).HandleAsync(new AddFunnelStep(funnelId, revision, type), default));

    public Task<Result<Funnel>> UpdateStepAsync(Guid organizationId, Guid funnelId, int revision, string key, StepFields fields) =>
        InAsync(organizationId, (_, editor) => new UpdateFunnelStepHandler(editor, new StepFieldsValidator())
            .HandleAsync(new UpdateFunnelStep(funnelId, revision, key, fields), default));

    public Task<Result<Funnel>> PublishAsync(Guid organizationId, Guid funnelId, int revision) =>
        InAsync(organizationId, (_, editor) => new PublishFunnelHandler(editor).HandleAsync(new PublishFunnel(funnelId, revision), default));

    public Task<Funnel?> LoadAsync(Guid organizationId, Guid funnelId) =>
        InAsync(organizationId, (db, _) => FunnelQueries.ReadAsync(db, funnelId, default));

    public Task<int> RevisionAsync(Guid organizationId, Guid funnelId) =>
        InAsync(organizationId, async (db, _) => (await FunnelQueries.ReadAsync(db, funnelId, default))!.Revision);

    /// <summary>A funnel of checkout and thank-you, the checkout selling the organization's seeded offer (published).</summary>
    public async Task<(Funnel Funnel, string CheckoutKey)> ReadyToPublishAsync(TwoOrganizations.Tenant tenant, string name = "Spring sale")
    {
        await InAsync(tenant.Id, async (db, _) =>
        {
            var offer = await OfferQueries.LoadAsync(db, tenant.Offer.Id, default);
            Succeeded(offer!.ChangeStatus(OfferStatus.Published, TwoOrganizations.Now));
            return await db.SaveChangesAsync();
        });
        var funnel = Succeeded(await CreateAsync(tenant.Id, name));
        var checkout = Succeeded(await AddStepAsync(tenant.Id, funnel.Id, 1, FunnelStepType.Checkout));
        Succeeded(await AddStepAsync(tenant.Id, funnel.Id, 2, FunnelStepType.ThankYou));
        var updated = Succeeded(await UpdateStepAsync(tenant.Id, funnel.Id, 3, checkout.Key, new StepFields("Checkout", tenant.Offer.Id)));
        return (updated, checkout.Key);
    }

    /// <summary><see cref="ReadyToPublishAsync"/> with a variant <c>a</c> ("Short", weight 50) on the checkout, published.</summary>
    public async Task<(Funnel Draft, string CheckoutKey, Funnel Published)> PublishedWithVariantAsync(TwoOrganizations.Tenant tenant)
    {
        var (funnel, checkout) = await ReadyToPublishAsync(tenant);
        Succeeded(await InAsync(tenant.Id, (_, editor) => new AddStepVariantHandler(editor, new VariantFieldsValidator())
            .HandleAsync(new AddStepVariant(funnel.Id, 4, checkout, new VariantFields("Short", 50)), default)));
        return (funnel, checkout, Succeeded(await PublishAsync(tenant.Id, funnel.Id, 5)));
    }

    public static T Succeeded<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Message}");
        return result.Value;
    }
}
