// Driven by bench/interactive.sh. Each run is a new browser profile (a real first visit): sign in, open the dashboard
// (Server), wait for the WebAssembly files, open it again (WebAssembly). Times come from the page's own clock: the
// end of the HTML response to the frame's "numi-interactive" mark (MerchantShell marks its first interactive render).
const { chromium } = require("playwright-core");
const url = process.env.NUMI_URL, runs = Number(process.env.NUMI_RUNS || 5);
const sinceHtml = () => {
  const mark = performance.getEntriesByName("numi-interactive")[0];
  return mark && { renderer: mark.detail, ms: mark.startTime - performance.getEntriesByType("navigation")[0].responseEnd };
};
const frameworkBytes = () => performance.getEntriesByType("resource")
  .filter(r => r.name.includes("/_framework/") && !r.name.endsWith("blazor.web.js"))
  .reduce((sum, r) => sum + r.transferSize, 0);

async function interactive(page) {
  const handle = await page.waitForFunction(sinceHtml, null, { timeout: 60000 });
  return handle.jsonValue();
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.NUMI_CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const first = [], repeat = [], later = [], wasm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url + "/account/signin");
    await page.fill("#email", "demo@numi.local");
    await page.fill("#password", "Bench-pass-123!");
    await Promise.all([page.waitForURL(url + "/"), page.click("button[type=submit]")]);
    const server = await interactive(page);
    if (server.renderer !== "Server") throw new Error("first visit ran in " + server.renderer);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    wasm.push(await page.evaluate(frameworkBytes));
    let client;
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.goto(url + "/");
      client = await interactive(page);
      if (client.renderer === "WebAssembly") break;
      await page.waitForLoadState("networkidle");
    }
    if (client.renderer !== "WebAssembly") throw new Error("repeat visit ran in " + client.renderer);
    // Two more visits: the browser keeps the compiled WebAssembly code after the first ones.
    await page.goto(url + "/");
    await interactive(page);
    await page.goto(url + "/");
    const third = await interactive(page);
    first.push(server.ms); repeat.push(client.ms); later.push(third.ms);
    await context.close();
  }
  await browser.close();
  const median = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const fmt = a => `median ${median(a).toFixed(0)} ms (${a.map(x => x.toFixed(0)).join(", ")})`;
  console.log(`WebAssembly download on a first visit (bytes on the wire, _framework without blazor.web.js): median ${median(wasm)} B`);
  console.log(`First visit, dashboard interactive on the server after its HTML: ${fmt(first)}`);
  console.log(`Repeat visit, dashboard interactive in WebAssembly after its HTML: ${fmt(repeat)}`);
  console.log(`Fourth visit, in WebAssembly with the browser's compiled-code cache warm: ${fmt(later)}`);
})().catch(e => { console.error(e); process.exit(1); });
