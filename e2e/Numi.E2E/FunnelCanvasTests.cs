using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>A merchant builds a funnel on the canvas: creates it on the funnel list, drags steps from the palette (HTML5
/// drag and drop in Chromium), puts one in place with the keyboard, binds the checkout to the shop's offer and publishes;
/// the steps are still there after a reload. Another adds an A/B variant and sets the traffic split in the step's panel,
/// and finds both after a reload. A last journey records how long a drop takes to be saved, on the server and in
/// WebAssembly (written out, never asserted).</summary>
[Collection(NumiCollection.Name)]
public sealed class FunnelCanvasTests(NumiAppFixture numi, ITestOutputHelper output)
{
    private static readonly string[] Built = ["landing", "checkout", "thank_you"];

    [Fact]
    public async Task A_merchant_drags_steps_orders_one_by_keyboard_binds_the_offer_and_publishes()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var context = await numi.NewContextAsync();
        var page = await context.NewPageAsync();
        await CreateFunnelAsync(page, shop, "Spring journey");

        // Dropped in an order the funnel cannot publish in, so the keyboard has to put the landing step first.
        foreach (var type in new[] { "checkout", "thank_you", "landing" }) await DropStepAsync(page, type);
        await SortByKeyboardAsync(page);
        await Expect(page.GetByTestId("canvas-keys")).ToContainTextAsync("Alt+Arrow Up");

        var checkout = page.Locator("[data-type=checkout]");
        await Expect(checkout).ToHaveAttributeAsync("data-invalid", "true");
        await Expect(page.GetByTestId("canvas-publish")).ToBeDisabledAsync();
        await checkout.ClickAsync();
        // MudSelect opens from its frame (the input inside is read-only).
        await page.Locator("[data-testid=step-panel] .mud-select").First.ClickAsync();
        await page.GetByText("Coffee Club (published)").ClickAsync();
        await Expect(checkout).ToHaveAttributeAsync("data-invalid", "false");

        await page.GetByTestId("canvas-publish").ClickAsync();
        await Expect(page.GetByTestId("funnel-status")).ToHaveTextAsync("published");

        await page.ReloadAsync();
        await InteractiveJourneyTests.RendererAsync(page);
        Assert.Equal(Built, await StepTypesAsync(page));
        await Expect(page.GetByTestId("funnel-status")).ToHaveTextAsync("published");
    }

    [Fact]
    public async Task A_variant_and_a_traffic_split_set_on_the_canvas_are_there_after_a_reload()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var context = await numi.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") output.WriteLine("console: " + message.Text); };
        await CreateFunnelAsync(page, shop, "Split test");
        await page.Locator("[data-palette=landing] [data-testid=palette-add]").ClickAsync();
        await Expect(page.Locator("[data-step]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.Locator("[data-step] [data-testid=step-name]").ClickAsync();
        await Expect(page.GetByTestId("step-panel")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await page.Locator("input[data-testid=new-variant-name], [data-testid=new-variant-name] input").FillAsync("Short page");
        await page.GetByTestId("add-variant").ClickAsync();
        await Expect(page.Locator("[data-variant=a]")).ToBeVisibleAsync();
        await page.Locator("[data-arm=control] input").FillAsync("70");
        await page.Locator("[data-arm=a] input").FillAsync("30");
        await page.Locator("[data-arm=a] input").PressAsync("Tab");
        await Expect(page.GetByTestId("weights-total")).ToHaveTextAsync("Total 100%");
        await page.GetByTestId("weights-save").ClickAsync();
        // The step, the variant and the split: three saved changes, the split one of them.
        await Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-saves", "3");

        await page.ReloadAsync();
        await InteractiveJourneyTests.RendererAsync(page);
        await page.Locator("[data-step] [data-testid=step-name]").ClickAsync();
        await Expect(page.Locator("[data-variant=a] input[data-testid=variant-name], [data-variant=a] [data-testid=variant-name] input")).ToHaveValueAsync("Short page");
        await Expect(page.Locator("[data-arm=control] input")).ToHaveValueAsync("70");
        await Expect(page.Locator("[data-arm=a] input")).ToHaveValueAsync("30");
        await Expect(page.GetByTestId("weights-save")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Drop_to_saved_on_the_server_and_in_webassembly()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var context = await numi.NewContextAsync();
        var page = await context.NewPageAsync();
        // A canvas that fails in WebAssembly says why only in the browser's console.
        page.Console += (_, message) => { if (message.Type == "error") output.WriteLine("console: " + message.Text); };
        var serverFunnel = await CreateFunnelAsync(page, shop, "Timing on the server");
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        Report("Server", await TimeDropsAsync(page));

        await page.GotoAsync("/funnels");
        var wasmFunnel = await CreateFunnelAsync(page, null, "Timing in WebAssembly");
        var renderer = "Server";
        for (var attempt = 0; attempt < 10 && renderer != "WebAssembly"; attempt++)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ReloadAsync();
            renderer = await InteractiveJourneyTests.RendererAsync(page);
        }
        Assert.Equal("WebAssembly", renderer);
        Report("WebAssembly", await TimeDropsAsync(page));
        Assert.NotEqual(serverFunnel, wasmFunnel);
    }

    /// <summary>Signs in (when <paramref name="shop"/> is given), creates a funnel on the list and waits for its canvas.</summary>
    private static async Task<string> CreateFunnelAsync(IPage page, CheckoutShop? shop, string name)
    {
        if (shop is not null)
        {
            await page.GotoAsync("/account/signin");
            await MerchantJourneyTests.SignInAsync(page, shop.MerchantEmail, CheckoutShop.MerchantPassword);
            await Expect(page.GetByTestId("organization-name")).ToBeVisibleAsync();
            await page.GotoAsync("/funnels");
        }
        await InteractiveJourneyTests.RendererAsync(page);
        await page.GetByTestId("new-funnel").ClickAsync();
        await page.Locator("input[data-testid=funnel-name], [data-testid=funnel-name] input").FillAsync(name);
        await page.GetByTestId("funnel-create").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/funnels/fnl_[a-z0-9]+$"));
        await InteractiveJourneyTests.RendererAsync(page);
        await Expect(page.GetByTestId("no-steps")).ToBeVisibleAsync();
        return page.Url;
    }

    private static ILocator PaletteEntry(IPage page, string type) =>
        page.Locator(".mud-drop-item", new() { Has = page.Locator($"[data-palette={type}]") });

    private static async Task DropStepAsync(IPage page, string type)
    {
        var before = await page.Locator("[data-step]").CountAsync();
        // Near the list's top, so the drop point stays on screen however long the list grows.
        await PaletteEntry(page, type).DragToAsync(page.GetByTestId("step-list"), new() { TargetPosition = new() { X = 40, Y = 8 } });
        await Expect(page.Locator("[data-step]")).ToHaveCountAsync(before + 1);
    }

    private static async Task<string[]> StepTypesAsync(IPage page) =>
        [.. await page.Locator("[data-step]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.type)")];

    /// <summary>Moves each step up with Alt+Arrow Up until the funnel reads landing, checkout, thank-you; at least one
    /// move is needed whatever places the drops chose.</summary>
    private static async Task SortByKeyboardAsync(IPage page)
    {
        var moves = 0;
        for (var target = 0; target < Built.Length; target++)
        {
            while (Array.IndexOf(await StepTypesAsync(page), Built[target]) is var at && at > target)
            {
                var card = page.Locator($"[data-type={Built[target]}]");
                await card.FocusAsync();
                await card.PressAsync("Alt+ArrowUp");
                await Expect(page.Locator("[data-step]").Nth(at - 1)).ToHaveAttributeAsync("data-type", Built[target]);
                moves++;
            }
        }
        Assert.True(moves > 0);
        Assert.Equal(Built, await StepTypesAsync(page));
    }

    /// <summary>Each of 18 drops of an upsell step (the funnel holds at most 20 steps), measured in the page: milliseconds
    /// from the drop event to the saved count going up, then, where the save went over HTTP (WebAssembly), its parts from
    /// the browser's resource timing: the drop to the request leaving (MudBlazor's drop handling and the canvas), the
    /// request's round trip (the network and the server's work, to the answer's last byte), and the answer to "saved"
    /// (reading the JSON and rendering).</summary>
    private static async Task<List<double[]>> TimeDropsAsync(IPage page)
    {
        await page.EvaluateAsync("""
            () => {
              window.numiDrops = [];
              performance.setResourceTimingBufferSize(5000);
              document.addEventListener('drop', () => { window.numiDropAt = performance.now(); }, true);
              new MutationObserver(() => {
                if (window.numiDropAt === undefined) return;
                window.numiDrops.push({ drop: window.numiDropAt, saved: performance.now() });
                window.numiDropAt = undefined;
              }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-saves'] });
            }
            """);
        for (var i = 0; i < 18; i++) await DropStepAsync(page, "upsell");
        return [.. await page.EvaluateAsync<double[][]>("""
            () => {
              const fetches = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch' && e.name.includes('/api/v1/funnels/'));
              return window.numiDrops.map(d => {
                const f = fetches.find(f => f.startTime >= d.drop && f.startTime <= d.saved);
                return f ? [d.saved - d.drop, f.startTime - d.drop, f.responseEnd - f.startTime, d.saved - f.responseEnd] : [d.saved - d.drop];
              });
            }
            """)];
    }

    private void Report(string renderer, List<double[]> drops)
    {
        static double Median(IEnumerable<double> values) => Quantile([.. values.Order()], 0.5);
        static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
        var totals = drops.Select(d => d[0]).Order().ToList();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Funnel canvas drop to saved ({renderer}): n={totals.Count} median={Median(totals):0} ms p95={Quantile(totals, 0.95):0} ms max={totals[^1]:0} ms");
        var split = drops.Where(d => d.Length == 4).ToList();
        if (split.Count > 0)
            line += string.Create(CultureInfo.InvariantCulture,
                $"; parts over {split.Count} drops, medians: drop to request {Median(split.Select(d => d[1])):0} ms, round trip {Median(split.Select(d => d[2])):0} ms, answer to saved {Median(split.Select(d => d[3])):0} ms");
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(NumiAppFixture.ResultsDirectory, "funnel-canvas-drops.txt"), line + Environment.NewLine);
    }
}
