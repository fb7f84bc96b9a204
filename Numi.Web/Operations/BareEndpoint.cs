using System.Buffers;

namespace Numi.Web.Operations;

/// <summary>For the benchmarks only, never mapped otherwise. When <c>Numi:Bench:BareFile</c> names a file
/// (bench/checkout.sh), <c>GET /bench/bare</c> answers its bytes as HTML from memory. When <c>Numi:Bench:BareWebhook</c>
/// is true (bench/webhooks.sh), <c>POST /bench/bare</c> reads the body as the Stripe webhook does (same size limit) and
/// answers the webhook's acknowledgement without verifying or storing anything. Measured in the same process and
/// pipeline as the real endpoints, each is the ceiling its endpoint is compared with.</summary>
public static class BareEndpoint
{
    private static readonly byte[] Acknowledgement = """{"received":true,"duplicate":false}"""u8.ToArray();

    public static void MapBareEndpoint(this WebApplication app)
    {
        if (app.Configuration["Numi:Bench:BareFile"] is { Length: > 0 } path)
        {
            var bytes = File.ReadAllBytes(path);
            app.MapGet("/bench/bare", () => Results.Bytes(bytes, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        }
        if (app.Configuration.GetValue<bool>("Numi:Bench:BareWebhook"))
            app.MapPost("/bench/bare", ReadAndAcknowledgeAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ReadAndAcknowledgeAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length == buffer.Length) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            return Results.Bytes(Acknowledgement, "application/json");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
