using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using Numi.Web.Client.Api;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddMudServices();
builder.Services.AddNumiBrowserData(new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync();
