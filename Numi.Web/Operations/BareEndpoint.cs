namespace Numi.Web.Operations;

/// <summary>For the checkout benchmark only (bench/checkout.sh): when <c>Numi:Bench:BareFile</c> names a file,
/// <c>GET /bench/bare</c> answers its bytes as HTML from memory. Measured in the same process and pipeline as the
/// real page, it is the ceiling the checkout page is compared with. Not mapped otherwise.</summary>
public static class BareEndpoint
{
    public static void MapBareEndpoint(this WebApplication app)
    {
        if (app.Configuration["Numi:Bench:BareFile"] is not { Length: > 0 } path) return;
        var bytes = File.ReadAllBytes(path);
        app.MapGet("/bench/bare", () => Results.Bytes(bytes, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }
}
