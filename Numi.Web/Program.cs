using System.Diagnostics;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Persistence;
using Numi.Web;
using Numi.Web.Operations;

var started = Stopwatch.GetTimestamp();
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
builder.WebHost.UseStaticWebAssets();
if (!builder.Environment.IsDevelopment()) builder.Logging.AddJsonConsole();

builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateNumiDatabaseAsync();
if (app.Configuration.GetValue<bool?>("Numi:Demo:Enabled") ?? !app.Environment.IsProduction())
    StartupMessages.DemoSeeded(await app.Services.SeedDemoAsync());

app.UseWeb();
app.Lifetime.ApplicationStarted.Register(() => StartupMessages.Ready(app, Stopwatch.GetElapsedTime(started)));
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the web tests.</summary>
public partial class Program;
