using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>A step's (or a variant's) blocks after one edit, as a new list to save whole; the list on screen is never
/// changed in place, so a refused save leaves it as the server last answered.</summary>
public static class FunnelBlockList
{
    public static List<ContentBlockData> Insert(IReadOnlyList<ContentBlockData> blocks, int? at, ContentBlockData block)
    {
        var list = blocks.ToList();
        list.Insert(Math.Clamp(at ?? list.Count, 0, list.Count), block);
        return list;
    }

    /// <summary>Null when <paramref name="to"/> is outside the list or no move at all.</summary>
    public static List<ContentBlockData>? Move(IReadOnlyList<ContentBlockData> blocks, int from, int to)
    {
        if (to < 0 || to >= blocks.Count || from < 0 || from >= blocks.Count || from == to) return null;
        var list = blocks.ToList();
        var block = list[from];
        list.RemoveAt(from);
        list.Insert(to, block);
        return list;
    }

    public static List<ContentBlockData>? Replace(IReadOnlyList<ContentBlockData> blocks, int index, ContentBlockData block)
    {
        if (index < 0 || index >= blocks.Count) return null;
        var list = blocks.ToList();
        list[index] = block;
        return list;
    }

    public static List<ContentBlockData>? Remove(IReadOnlyList<ContentBlockData> blocks, int index)
    {
        if (index < 0 || index >= blocks.Count) return null;
        var list = blocks.ToList();
        list.RemoveAt(index);
        return list;
    }
}
