using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Payments;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Passes everything to the real (simulated) processor; the test doubles below change only charging.</summary>
internal abstract class ForwardingGateway(IPaymentGateway inner) : IPaymentGateway
{
    public virtual Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) => inner.ChargeAsync(request, ct);
    public Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct) => inner.RetrieveAsync(paymentIntentId, ct);
    public virtual Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct) =>
        inner.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
    public Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct) => inner.SaveCardAsync(request, ct);
}

/// <summary>Counts the charges it passes on to the processor, after a little delay so racing attempts overlap.</summary>
internal sealed class CountingGateway(IPaymentGateway inner, TimeSpan delay = default) : ForwardingGateway(inner)
{
    private readonly ConcurrentQueue<ChargeRequest> _requests = new();

    public IReadOnlyList<ChargeRequest> Requests => [.. _requests];
    public int Calls => _requests.Count;

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        _requests.Enqueue(request);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
        return await base.ChargeAsync(request, ct);
    }
}

/// <summary>Holds each charge until <c>parties</c> charges have arrived or <c>longest</c> has passed, then passes it on.</summary>
internal sealed class GatheringGateway(IPaymentGateway inner, int parties, TimeSpan longest) : ForwardingGateway(inner)
{
    private readonly TaskCompletionSource _gathered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _calls) == parties) _gathered.TrySetResult();
        await Task.WhenAny(_gathered.Task, Task.Delay(longest, ct));
        return await base.ChargeAsync(request, ct);
    }
}

/// <summary>Holds every charge at the processor until the test releases it.</summary>
internal sealed class HeldGateway(IPaymentGateway inner) : ForwardingGateway(inner)
{
    private int _calls;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Calls => Volatile.Read(ref _calls);

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        Entered.TrySetResult();
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return await base.ChargeAsync(request, ct);
    }
}

/// <summary>The first charge reaches the processor, but its answer is lost on the way back.</summary>
internal sealed class LosesFirstAnswerGateway(IPaymentGateway inner) : ForwardingGateway(inner)
{
    public List<ChargeRequest> Requests { get; } = [];
    public ChargeOutcome? LostOutcome { get; private set; }

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        Requests.Add(request);
        var outcome = await base.ChargeAsync(request, ct);
        if (LostOutcome is not null) return outcome;
        LostOutcome = outcome;
        throw new IOException("The connection to the processor was reset.");
    }
}

/// <summary>Lets <c>parties</c> callers through together once all of them have arrived.</summary>
internal sealed class Rendezvous(int parties)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties) _all.TrySetResult();
        return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

/// <summary>Makes the context's first read of a checkout session wait at the rendezvous, so every party has read the
/// session before any of them writes. (Not at the save itself: on SQLite saves take turns, so a save waiting there for
/// another party's save would wait for ever.)</summary>
internal sealed class MeetAfterSessionRead(Rendezvous rendezvous) : DbCommandInterceptor
{
    private int _met;

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"checkout_sessions\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _met, 1) == 0)
            await rendezvous.ArriveAsync();
        return result;
    }
}

/// <summary>Charges at once, then holds the answer on its way back until the test releases it: the payment exists at
/// the processor while the checkout still waits for its answer.</summary>
internal sealed class AnswerHeldGateway(IPaymentGateway inner) : ForwardingGateway(inner)
{
    private int _calls;

    public TaskCompletionSource<ChargeOutcome> Charged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Calls => Volatile.Read(ref _calls);

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var outcome = await base.ChargeAsync(request, ct);
        Charged.TrySetResult(outcome);
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return outcome;
    }
}

/// <summary>Runs <c>afterRefund</c> with each refund's processor id once the processor made it and before Numi hears
/// back: Stripe's <c>charge.refunded</c> webhook overtaking the answer.</summary>
internal sealed class WebhookFirstGateway(IPaymentGateway inner, Func<string, Task> afterRefund) : ForwardingGateway(inner)
{
    public override async Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        var outcome = await base.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
        if (outcome.RefundId is { } refundId) await afterRefund(refundId);
        return outcome;
    }
}
