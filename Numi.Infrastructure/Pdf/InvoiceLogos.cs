using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Pdf;

/// <summary>The merchant's logo as bytes a PDF can hold. A checkout's logo is a URL: a product image of this
/// organization served by Numi (<c>/media/products/{prod_…}/…</c>, read from the database), or an https address,
/// fetched with a short timeout, a size cap and only to public addresses (the URL is the merchant's to type; the server
/// must not be made to call its own network). Only PNG and JPEG are drawn; anything else, or a logo that cannot be
/// fetched, gives an invoice with the merchant's name in its place rather than no invoice.</summary>
internal sealed partial class InvoiceLogos(NumiDbContext db, IHttpClientFactory http, ILogger<InvoiceLogos> logger)
{
    public const string HttpClientName = "invoice-logos";
    public const int MaxBytes = 1 << 20;
    private const string ProductImagePath = "/media/products/";

    public async Task<byte[]?> ReadAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var bytes = url.StartsWith(ProductImagePath, StringComparison.Ordinal) ? await ProductImageAsync(url, ct)
            : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? await DownloadAsync(url, ct)
            : null;
        return bytes is not null && IsPngOrJpeg(bytes) ? bytes : null;
    }

    private async Task<byte[]?> ProductImageAsync(string url, CancellationToken ct)
    {
        var id = url[ProductImagePath.Length..].Split('/')[0];
        if (!PublicId.TryParse(IdPrefixes.Product, id, out var productId)) return null;
        return await db.ProductImages.AsNoTracking().Where(i => i.ProductId == productId).Select(i => i.Content).FirstOrDefaultAsync(ct);
    }

    private async Task<byte[]?> DownloadAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBytes) return null;
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            for (int read; (read = await body.ReadAsync(buffer, ct)) > 0;)
            {
                if (copy.Length + read > MaxBytes) return null;
                copy.Write(buffer, 0, read);
            }
            return copy.ToArray();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogUnreachable(logger, url, exception.Message);
            return null;
        }
    }

    private static bool IsPngOrJpeg(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    /// <summary>Connects only to public addresses: no loopback, private, link-local, unique-local or unspecified ones,
    /// checked on the address actually connected to (after DNS), so a name cannot point the fetch inside.</summary>
    public static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var target = addresses.FirstOrDefault(IsPublic) ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} has no public address.");
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || (b[0] == 100 && b[1] >= 64 && b[1] < 128) || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168) || b[0] >= 224);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The invoice logo {Url} could not be fetched: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string url, string reason);
}
