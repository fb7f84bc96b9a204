using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Numi.Core.Funnels.Experiments;

/// <summary>One arm of a step's A/B test and its share of the traffic. Weight 0 pauses the arm: no new visitor gets
/// it (and, as buckets are cumulative, the arms after it keep their ranges only if the weights before them are kept).</summary>
public sealed record WeightedArm(string Key, int Weight)
{
    public const int MaxWeight = 100;
}

/// <summary>Chooses a step's arm for a visitor, deterministically: the same visitor on the same step always gets the
/// same arm, on every node and after every restart, with nothing stored. The bucket is the first 8 bytes of
/// SHA-256(visitor id, step key) as an unsigned number, modulo the total weight, laid over the arms in their order.
/// SHA-256 rather than <see cref="string.GetHashCode()"/>, which .NET randomizes per process; the modulo's bias is at
/// most total/2⁶⁴, under 10⁻¹² for any step, far under what 100,000 visitors could show. Hashing the step key too keeps
/// a visitor's arms on different steps independent of each other.
/// <para>Changing weights while a test runs moves some visitors to another arm; stopping a test (a winner named)
/// sends everyone to the winner.</para></summary>
public static class VariantPicker
{
    private const int StackLimit = 512;

    /// <param name="winnerKey">The arm that won a stopped test; every visitor gets it, whatever the weights.</param>
    public static WeightedArm Pick(string visitorId, string stepKey, IReadOnlyList<WeightedArm> arms, string? winnerKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(visitorId);
        ArgumentException.ThrowIfNullOrEmpty(stepKey);
        var total = CheckArms(arms);
        if (winnerKey is not null)
        {
            foreach (var arm in arms)
                if (string.Equals(arm.Key, winnerKey, StringComparison.Ordinal)) return arm;
            throw new ArgumentException($"The winner '{winnerKey}' is not one of the step's arms.", nameof(winnerKey));
        }
        if (total == 0) throw new ArgumentException("At least one arm needs a weight above zero.", nameof(arms));

        var bucket = Bucket(visitorId, stepKey, (ulong)total);
        foreach (var arm in arms)
        {
            if (bucket < (ulong)arm.Weight) return arm;
            bucket -= (ulong)arm.Weight;
        }
        throw new InvalidOperationException("The bucket fell outside the total weight.");
    }

    /// <summary>A number in [0, <paramref name="total"/>) fixed by the visitor and the step.</summary>
    public static ulong Bucket(string visitorId, string stepKey, ulong total)
    {
        ArgumentOutOfRangeException.ThrowIfZero(total);
        // The visitor id's length goes first so that ("ab", "c") and ("a", "bc") hash differently.
        var size = 4 + Encoding.UTF8.GetMaxByteCount(visitorId.Length + stepKey.Length);
        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, visitorId.Length);
            var written = 4 + Encoding.UTF8.GetBytes(visitorId, buffer[4..]);
            written += Encoding.UTF8.GetBytes(stepKey, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash) % total;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int CheckArms(IReadOnlyList<WeightedArm> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        if (arms.Count == 0) throw new ArgumentException("A step needs at least one arm.", nameof(arms));
        var total = 0;
        for (var i = 0; i < arms.Count; i++)
        {
            var arm = arms[i];
            if (arm is null || string.IsNullOrEmpty(arm.Key)) throw new ArgumentException("Every arm needs a key.", nameof(arms));
            // A step has a handful of arms: comparing pairs costs less than a set, and allocates nothing on a page view.
            for (var j = 0; j < i; j++)
                if (string.Equals(arms[j].Key, arm.Key, StringComparison.Ordinal))
                    throw new ArgumentException($"Two arms share the key '{arm.Key}'.", nameof(arms));
            if (arm.Weight is < 0 or > WeightedArm.MaxWeight)
                throw new ArgumentException($"Arm '{arm.Key}' has weight {arm.Weight}; weights run from 0 to {WeightedArm.MaxWeight}.", nameof(arms));
            total += arm.Weight;
        }
        return total;
    }
}
