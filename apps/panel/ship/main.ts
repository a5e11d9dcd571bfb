import path from "node:path";
import { TWITCH } from "@ext/shared";
import manifest from "../package.json" with { type: "json" };
import { LANGUAGES } from "../src/i18n/languages.ts";
import { budgetsInBytes, packageFrontend } from "./package-frontend.ts";

const root = path.resolve(import.meta.dirname, "..");
const zipFile = path.join(root, "artifacts", `extension-frontend-${manifest.version}.zip`);
const ebsUrl = process.env.VITE_EBS_URL;

if (!ebsUrl?.startsWith("https://")) {
  console.warn(
    `warning: VITE_EBS_URL is ${ebsUrl ? `"${ebsUrl}"` : "not set (http://localhost:8081)"}: fine for Local Test, ` +
      "but on Twitch the panel needs your EBS's https:// URL, also listed under Allowlist for URL Fetching Domains.",
  );
}

const result = await packageFrontend({
  root,
  outDir: path.join(root, "dist"),
  zipFile,
  budgets: budgetsInBytes(manifest.sizeBudget.viewJsGzipKiB),
  languages: LANGUAGES,
});

console.log(result.report.join("\n"));
if (!result.ok) {
  console.error(`\nNo zip written: ${result.violations.length} rule(s) of Twitch's hosted frontend broken:`);
  for (const { file, reason } of result.violations) console.error(`  ${file}: ${reason}`);
  process.exitCode = 1;
} else {
  console.log(
    `\nWrote ${path.relative(process.cwd(), result.zipFile)}: upload it under Version → Files (${TWITCH.helperScriptUrl} loads first on every page).`,
  );
}
