// @vitest-environment node
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TWITCH_HELPER_CDN_URL } from "../vite/twitch-helper.ts";
import { checkBudget, checkHtml, checkJavaScript, checkLayout, checkViews } from "./checks.ts";
import { dynamicImportsOf, type FrontendFile, inspectFrontend, staticImportsOf } from "./inspect.ts";

const helper = `<script src="${TWITCH_HELPER_CDN_URL}"></script>`;
const entry = `<script type="module" crossorigin src="./assets/index-abc.js"></script>`;
const page = (head: string, body = "") =>
  `<!doctype html><html><head><meta charset="UTF-8" />${head}</head><body>${body}</body></html>`;

describe("checkHtml", () => {
  it("accepts a page that loads the helper first and its own module by a relative path", () => {
    expect(checkHtml("index.html", page(helper + entry))).toEqual([]);
  });

  it("refuses a page without Twitch's helper", () => {
    expect(checkHtml("index.html", page(entry))).toEqual([
      { file: "index.html", reason: expect.stringContaining("does not load Twitch's helper") },
    ]);
  });

  it("refuses a page whose own script comes before the helper", () => {
    expect(checkHtml("config.html", page(entry + helper))).toEqual([
      { file: "config.html", reason: expect.stringMatching(/index-abc\.js.*comes before Twitch's helper/) },
    ]);
  });

  it("refuses a modulepreload link before the helper", () => {
    const preload = `<link rel="modulepreload" crossorigin href="./assets/common.js">`;
    expect(checkHtml("index.html", page(preload + helper + entry))).toEqual([
      {
        file: "index.html",
        reason: expect.stringMatching(
          /<link rel="modulepreload" href="\.\/assets\/common\.js"> comes before/,
        ),
      },
    ]);
  });

  it("refuses an inline script", () => {
    const inline = "<script>window.x = 1</script>";
    expect(checkHtml("index.html", page(helper + entry + inline))).toEqual([
      { file: "index.html", reason: expect.stringContaining("inline <script>") },
    ]);
  });

  it("refuses a script with both src and an inline body", () => {
    const both = `<script src="./a.js">alert(1)</script>`;
    expect(checkHtml("index.html", page(helper + both))[0]?.reason).toContain("inline <script>");
  });

  it("refuses on*= handler attributes", () => {
    expect(checkHtml("index.html", page(helper + entry, `<button onclick="go()">Go</button>`))).toEqual([
      { file: "index.html", reason: expect.stringContaining("inline handler onclick= on <button>") },
    ]);
  });

  it.each([
    `<script src="https://cdn.example.com/lib.js"></script>`,
    `<script src="//cdn.example.com/lib.js"></script>`,
    `<link rel="modulepreload" href="https://cdn.example.com/chunk.js">`,
  ])("refuses the remote script %s", (tag) => {
    expect(checkHtml("index.html", page(helper + entry + tag))).toEqual([
      { file: "index.html", reason: expect.stringContaining("loads a remote script") },
    ]);
  });

  it.each([
    `<script type="module" src="/assets/index.js"></script>`,
    `<link rel="stylesheet" href="/assets/index.css">`,
  ])("refuses the absolute path in %s", (tag) => {
    expect(checkHtml("index.html", page(helper + tag))).toEqual([
      { file: "index.html", reason: expect.stringMatching(/absolute path \/assets\//) },
    ]);
  });

  it("allows a remote stylesheet (Twitch's CSP allows Google Fonts) but still checks scripts", () => {
    const fonts = `<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">`;
    expect(checkHtml("index.html", page(helper + entry + fonts))).toEqual([]);
  });

  it("refuses an iframe and a <meta> CSP", () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`;
    const reasons = checkHtml(
      "index.html",
      page(helper + entry + csp, `<iframe src="./x.html"></iframe>`),
    ).map((v) => v.reason);
    expect(reasons).toEqual([expect.stringContaining("<meta> tag"), expect.stringContaining("<iframe>")]);
  });

  it("ignores scripts inside HTML comments", () => {
    expect(checkHtml("index.html", page(`<!-- <script>bad()</script> -->${helper}${entry}`))).toEqual([]);
  });
});

describe("checkJavaScript", () => {
  it("accepts ordinary code that mentions functions", () => {
    const code = `const t = typeof x === "function"; const msg = "Function components"; obj.eval = 1;`;
    expect(checkJavaScript("assets/a.js", code)).toEqual([]);
  });

  it.each([
    ["eval(code)", "calls eval("],
    ["window.x=eval (code)", "calls eval("],
    ['new Function("return 1")', "Function constructor"],
    ["try{return Function(``),!0}catch{return!1}", "Function constructor"],
    ["const F = Function; new F('')", "Function constructor"],
    ['setTimeout("go()", 10)', "string to setTimeout"],
    ['import("https://cdn.example.com/x.js")', "remote module"],
    ['import x from "https://cdn.example.com/x.js"', "remote module"],
  ])("refuses %s", (code, what) => {
    expect(checkJavaScript("assets/a.js", code)).toEqual([
      { file: "assets/a.js", reason: expect.stringContaining(what) },
    ]);
  });
});

describe("checkLayout", () => {
  it("accepts files at the zip's root", () => {
    expect(checkLayout(["index.html", "config.html", "assets/index.js"])).toEqual([]);
  });

  it("refuses a zip whose files are all inside one folder", () => {
    expect(checkLayout(["dist/index.html", "dist/assets/index.js"])).toEqual([
      { file: "index.html", reason: expect.stringContaining("inside the folder dist/") },
    ]);
  });

  it.each(["/index.html", "C:/x/index.html"])("refuses the absolute path %s", (path) => {
    expect(checkLayout(["index.html", path])).toEqual([
      { file: path, reason: "has an absolute path inside the zip" },
    ]);
  });

  it("refuses paths that climb out with ..", () => {
    expect(checkLayout(["index.html", "assets/../../x.js"])[0]?.reason).toContain("..");
  });
});

describe("checkBudget", () => {
  it("passes at the budget and refuses one byte over, naming the view and by how much", () => {
    expect(checkBudget("mobile.html", 80 * 1024, 80 * 1024)).toEqual([]);
    expect(checkBudget("mobile.html", 80 * 1024 + 200, 80 * 1024)).toEqual([
      { file: "mobile.html", reason: "loads 80.2 KiB of JavaScript (gzip), over the 80.0 KiB budget" },
    ]);
  });
});

describe("checkViews", () => {
  it("refuses a zip without one of the views Twitch loads", () => {
    expect(checkViews(["index.html", "config.html"], ["index.html", "mobile.html", "config.html"])).toEqual([
      { file: "mobile.html", reason: expect.stringContaining("is missing") },
    ]);
  });
});

describe("dynamicImportsOf", () => {
  it("finds the chunks a script imports on demand, relative to the script", () => {
    const code =
      'const m={de:()=>x(()=>import(`./de-1.js`),[]),ja:()=>import("./ja-2.js")};import("https://x/y.js")';
    expect(dynamicImportsOf("assets/common.js", code)).toEqual(["assets/de-1.js", "assets/ja-2.js"]);
  });
});

describe("staticImportsOf", () => {
  it("finds the chunks a script imports statically, not the ones it imports on demand", () => {
    const code =
      'import{r as e}from"./ja-1.js";import "./side.js";export{a}from"../b.js";import("./de-2.js")';
    expect(staticImportsOf("assets/x.js", code)).toEqual(["assets/ja-1.js", "assets/side.js", "b.js"]);
  });
});

describe("inspectFrontend", () => {
  const file = (path: string, content: string): FrontendFile => ({ path, data: Buffer.from(content) });
  const mobileEntry = `<script type="module" crossorigin src="./assets/mobile-abc.js"></script>`;
  const preload = `<link rel="modulepreload" href="./assets/common.js">`;
  const good = [
    file("index.html", page(`${helper}${entry}${preload}`)),
    file("mobile.html", page(`${helper}${mobileEntry}${preload}`)),
    file("assets/index-abc.js", `import "./common.js"; console.log("panel");`),
    file("assets/mobile-abc.js", `import "./common.js"; console.log("mobile");`),
    file(
      "assets/common.js",
      `export const react = 'x'.repeat(1000); export const de = () => import("./de.js"); export const ja = () => import("./ja.js");`,
    ),
    file("assets/de.js", "export default { hi: 'Hallo' };"),
    file("assets/ja.js", `export default { hi: '${"こんにちは".repeat(40)}' };`),
  ];
  const budgets = { "index.html": 10_000, "mobile.html": 10_000 };
  const languages = ["en", "de", "ja"];

  it("counts each view's scripts, preloads included, plus the largest chunk it loads on demand", () => {
    const { violations, views, report } = inspectFrontend(good, { budgets, languages });
    expect(violations).toEqual([]);
    expect(views.map((v) => v.view)).toEqual(["index.html", "mobile.html"]);
    const [panel] = views;
    expect(panel?.scripts).toEqual(["assets/index-abc.js", "assets/common.js"]);
    expect(panel?.languages).toEqual(["assets/ja.js", "assets/de.js"]);
    expect(panel?.largestLanguageGzipBytes).toBeGreaterThan(40);
    expect(panel?.totalGzipBytes).toBe(
      (panel?.scriptsGzipBytes ?? 0) + (panel?.largestLanguageGzipBytes ?? 0),
    );
    expect(report.at(-2)).toMatch(
      /^index\.html JavaScript: .* at load \(assets\/index-abc\.js, assets\/common\.js\) \+ .* for the largest of 2 language chunks \(assets\/ja\.js\) = .* gzip of 9\.8 KiB budget$/,
    );
    expect(report.at(-1)).toMatch(/^mobile\.html JavaScript: /);
  });

  it("refuses a view whose JavaScript, with its largest on-demand chunk, is over its budget", () => {
    const { views } = inspectFrontend(good, { budgets, languages });
    const atLoad = views[1]?.scriptsGzipBytes ?? 0;
    const { violations } = inspectFrontend(good, {
      budgets: { "index.html": 10_000, "mobile.html": atLoad + 1 },
      languages,
    });
    expect(violations).toEqual([{ file: "mobile.html", reason: expect.stringContaining("over the") }]);
  });

  it("counts an on-demand chunk with the chunks it imports, but not twice what the page loaded already", () => {
    const viewerPart = `export default { hi: '${"こんにちは".repeat(40)}' };`;
    const jaConfig = `import v from "./ja.js"; import "./common.js"; export default { ...v, save: "保存" };`;
    const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
    const withParts = [
      ...good.filter((f) => f.path !== "assets/ja.js" && f.path !== "assets/common.js"),
      file(
        "assets/common.js",
        `export const react = 'x'.repeat(1000); export const de = () => import("./de.js"); export const ja = () => import("./ja-config.js");`,
      ),
      file("assets/ja-config.js", jaConfig),
      file("assets/ja.js", viewerPart),
    ];
    const [panel] = inspectFrontend(withParts, { budgets, languages }).views;
    const alone = inspectFrontend(
      withParts.map((f) => (f.path === "assets/ja.js" ? file(f.path, "export default {};") : f)),
      { budgets, languages },
    ).views[0];
    expect(panel?.languages[0]).toBe("assets/ja-config.js");
    const viewerPartBytes = (panel?.largestLanguageGzipBytes ?? 0) - (alone?.largestLanguageGzipBytes ?? 0);
    expect(viewerPartBytes, "the imported viewer part is counted").toBe(
      gzip(viewerPart) - gzip("export default {};"),
    );
    expect(panel?.largestLanguageGzipBytes, "common.js, loaded already, is not").toBe(
      gzip(jaConfig) + gzip(viewerPart),
    );
  });

  it("counts the chunks a page may load on demand besides a language (the Bits shop) on top of the largest language", () => {
    const shared = `export const price = (n) => n + " Bits"; ${"/* shared */".repeat(20)}`;
    const shop = `import { price } from "./price.js"; export const Shop = () => price(${"1".repeat(300)});`;
    const withShop = [
      ...good.filter((f) => f.path !== "assets/common.js"),
      file(
        "assets/common.js",
        `export const react = 'x'.repeat(1000); export const de = () => import("./de.js"); export const ja = () => import("./ja.js"); export const shop = () => import("./BitsShop.js");`,
      ),
      file("assets/BitsShop.js", shop),
      file("assets/price.js", shared),
    ];
    const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
    const { views, report } = inspectFrontend(withShop, { budgets, languages });
    const [panel] = views;
    expect(panel?.languages).toEqual(["assets/ja.js", "assets/de.js"]);
    expect(panel?.onDemand).toEqual(["assets/BitsShop.js"]);
    expect(panel?.onDemandGzipBytes, "the shop with what it imports").toBe(gzip(shop) + gzip(shared));
    expect(panel?.totalGzipBytes).toBe(
      (panel?.scriptsGzipBytes ?? 0) + (panel?.largestLanguageGzipBytes ?? 0) + gzip(shop) + gzip(shared),
    );
    expect(report.at(-2)).toMatch(
      /for the largest of 2 language chunks \(assets\/ja\.js\) \+ .* for 1 more chunks it may load on demand \(assets\/BitsShop\.js\) = /,
    );
  });

  it("refuses a zip that lacks a view of the budget", () => {
    const { violations } = inspectFrontend(good, {
      budgets: { ...budgets, "config.html": 10_000 },
      languages,
    });
    expect(violations).toEqual([{ file: "config.html", reason: expect.stringContaining("is missing") }]);
  });

  it("names each file that breaks a rule", () => {
    const bad = [...good, file("assets/evil.js", "eval(x)"), file("config.html", page(entry + helper))];
    expect(inspectFrontend(bad, { budgets, languages }).violations.map((v) => v.file)).toEqual([
      "assets/evil.js",
      "config.html",
    ]);
  });

  it("refuses a page that loads a script, or imports a chunk, missing from the zip", () => {
    const withoutCommon = good.filter((f) => f.path !== "assets/common.js");
    expect(inspectFrontend(withoutCommon, { budgets, languages }).violations).toContainEqual({
      file: "index.html",
      reason: "loads assets/common.js, which is not in the zip",
    });
    const withoutJa = good.filter((f) => f.path !== "assets/ja.js");
    expect(inspectFrontend(withoutJa, { budgets, languages }).violations).toContainEqual({
      file: "mobile.html",
      reason: "loads assets/ja.js, which is not in the zip",
    });
  });
});
