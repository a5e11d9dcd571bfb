// @vitest-environment node
import { describe, expect, it } from "vitest";
import { TWITCH_HELPER_CDN_URL } from "../vite/twitch-helper.ts";
import { checkBudget, checkHtml, checkJavaScript, checkLayout } from "./checks.ts";
import { type FrontendFile, inspectFrontend } from "./inspect.ts";

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
  it("passes at the budget and refuses one byte over, saying by how much", () => {
    expect(checkBudget(80 * 1024, 80 * 1024)).toEqual([]);
    expect(checkBudget(80 * 1024 + 200, 80 * 1024)).toEqual([
      { file: "index.html", reason: "loads 80.2 KiB of JavaScript (gzip), over the 80.0 KiB budget" },
    ]);
  });
});

describe("inspectFrontend", () => {
  const file = (path: string, content: string): FrontendFile => ({ path, data: Buffer.from(content) });
  const good = [
    file("index.html", page(`${helper}${entry}<link rel="modulepreload" href="./assets/common.js">`)),
    file("assets/index-abc.js", `import "./common.js"; console.log("panel");`),
    file("assets/common.js", "export const react = 'x'.repeat(1000);"),
  ];

  it("counts the gzip size of every script the panel page loads, preloads included", () => {
    const { violations, panelJsGzipBytes, report } = inspectFrontend(good, { budgetBytes: 10_000 });
    expect(violations).toEqual([]);
    expect(panelJsGzipBytes).toBeGreaterThan(40);
    expect(report.at(-1)).toMatch(/assets\/index-abc\.js, assets\/common\.js.*gzip of 9\.8 KiB budget/);
  });

  it("refuses a panel whose JavaScript is over budget", () => {
    const { violations } = inspectFrontend(good, { budgetBytes: 10 });
    expect(violations).toEqual([{ file: "index.html", reason: expect.stringContaining("over the") }]);
  });

  it("names each file that breaks a rule", () => {
    const bad = [...good, file("assets/evil.js", "eval(x)"), file("config.html", page(entry + helper))];
    expect(inspectFrontend(bad, { budgetBytes: 10_000 }).violations.map((v) => v.file)).toEqual([
      "assets/evil.js",
      "config.html",
    ]);
  });

  it("refuses a page that loads a script missing from the zip", () => {
    const { violations } = inspectFrontend(good.slice(0, 2), { budgetBytes: 10_000 });
    expect(violations).toEqual([
      { file: "index.html", reason: "loads assets/common.js, which is not in the zip" },
    ]);
  });
});
