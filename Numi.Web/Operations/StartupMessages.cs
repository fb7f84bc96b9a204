using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Numi.Infrastructure.Demo;

namespace Numi.Web.Operations;

internal static class StartupMessages
{
    /// <summary>Demo secrets go to the console once, on the start that created them; the logs never see them.</summary>
    public static void DemoSeeded(DemoSeeder.Seeded? seeded)
    {
        if (seeded is null) return;
        Console.WriteLine();
        Console.WriteLine("Numi demo data created: organization 'demo', owner " + DemoOptions.OwnerEmail);
        Console.WriteLine($"  password:              {(seeded.PasswordGenerated ? seeded.Password : "(from Numi:Demo:Password)")}");
        Console.WriteLine($"  test secret API key:   {(seeded.ApiKeyGenerated ? seeded.ApiKey : "(from Numi:Demo:ApiKey)")}");
        Console.WriteLine($"  webhook signing secret: {(seeded.WebhookSecretGenerated ? seeded.WebhookSecret : "(from Numi:Demo:WebhookSecret)")}");
        Console.WriteLine("  These are shown once. Set Numi:Demo:* to choose them yourself.");
        Console.WriteLine();
    }

    public static void Ready(WebApplication app, TimeSpan elapsed)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"Numi is ready on {string.Join(", ", addresses)} after {elapsed.TotalSeconds:0.00} s.");
    }
}
