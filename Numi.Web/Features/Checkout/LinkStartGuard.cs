using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Numi.Core.Clocks;
using Numi.Web.Operations;

namespace Numi.Web.Features.Checkout;

/// <summary>Keeps a double Pay on an offer's page (a double click with JavaScript off, a resent form) from opening two
/// checkout sessions, and so from paying twice: payment posts that carry the same page nonce and the same fields from the
/// same address and browser within <see cref="Window"/> share the session the first of them opened, and each answer
/// gives the browser that session's key (the browser keeps whichever answer it shows). The later post then meets that
/// session as any second click does: held by the first's payment, or paid.</summary>
/// <remarks>Per node, in memory: two posts that reach different nodes are not seen together (each opens a session; each
/// session still pays at most once). The nonce is rendered into the offer's page, so a cached page shares it with every
/// visitor in its few seconds; the fields, address and browser tell those visitors apart.</remarks>
public sealed class LinkStartGuard(ControllableClock clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>The hidden field of the offer's form that carries the page's nonce.</summary>
    public const string NonceField = "page-nonce";

    private const int SweepAbove = 1_000;

    /// <summary>A session opened for a post: its id and the browser key whose hash it keeps.</summary>
    public sealed record Started(Guid SessionId, string BrowserKey);

    private sealed record Entry(Lazy<Task<Started?>> Start, DateTime Expires);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public static string NewNonce() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The session the same post opened within the window, else the one <paramref name="start"/> opens now
    /// (null when it opened none: the next such post tries again).</summary>
    public async Task<Started?> StartOnceAsync(HttpContext http, Func<Task<Started?>> start)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_entries.Count > SweepAbove) Sweep(now);
        var key = Fingerprint(http);
        // Lazy: only the post whose entry is kept runs its start; the others wait for that one.
        var mine = new Entry(new Lazy<Task<Started?>>(start), now + Window);
        while (true)
        {
            var entry = _entries.GetOrAdd(key, mine);
            if (entry == mine) break;
            if (entry.Expires <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                continue;
            }
            return await SharedAsync(entry) ?? await start();
        }
        Started? started = null;
        try
        {
            started = await mine.Start.Value;
            return started;
        }
        finally
        {
            if (started is null) _entries.TryRemove(new KeyValuePair<string, Entry>(key, mine));
        }
    }

    /// <summary>What the first post opened; nothing when it failed (it answers for itself).</summary>
    private static async Task<Started?> SharedAsync(Entry entry)
    {
        try
        {
            return await entry.Start.Value;
        }
        catch (Exception) when (entry.Start.Value.IsFaulted || entry.Start.Value.IsCanceled)
        {
            return null;
        }
    }

    private void Sweep(DateTime now)
    {
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    /// <summary>SHA-256 of the page, the client's address and browser, and every posted field in order.</summary>
    private static string Fingerprint(HttpContext http)
    {
        var text = new StringBuilder();
        text.Append(http.Request.Path.Value?.ToLowerInvariant()).Append('\n');
        text.Append(ClientAddress.Key(http.Connection.RemoteIpAddress)).Append('\n');
        text.Append(http.Request.Headers.UserAgent.ToString()).Append('\n');
        if (http.Request.HasFormContentType)
            foreach (var (name, values) in http.Request.Form.OrderBy(f => f.Key, StringComparer.Ordinal))
                text.Append(name).Append('=').Append(string.Join('\u001f', values.ToArray())).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
