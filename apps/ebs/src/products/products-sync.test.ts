import { fileURLToPath } from "node:url";
import { BITS_CATALOGUE, type BitsProduct, systemClock } from "@ext/shared";
import { updateExtensionBitsProduct } from "@ext/shared/server";
import { runNodeProcess } from "@ext/test-kit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, RIG_DEV, startRig } from "../../test/support/processes.ts";
import { parseConfig } from "../config.ts";
import { createHelixClient } from "../twitch/helix-client.ts";
import { diffCatalogue } from "./catalogue-diff.ts";

const ebsRoot = fileURLToPath(new URL("../..", import.meta.url));
const megaHype = BITS_CATALOGUE.bySku("mega-hype")?.product as BitsProduct;

let rig: Child;
beforeAll(async () => {
  rig = await startRig();
}, 30_000);
afterAll(async () => {
  await rig?.stop();
});

function env(): Record<string, string> {
  return {
    TWITCH_CLIENT_ID: RIG_DEV.clientId,
    TWITCH_EXTENSION_VERSION: RIG_DEV.version,
    TWITCH_OWNER_ID: RIG_DEV.ownerUserId,
    TWITCH_EXTENSION_SECRET: RIG_DEV.secretBase64,
    TWITCH_CLIENT_SECRET: RIG_DEV.clientSecret,
    TWITCH_API_BASE: rig.url,
    TWITCH_AUTH_BASE: rig.url,
    SQLITE_PATH: ":memory:",
  };
}

/** Runs `products` as `pnpm run products` does (tsx src/products/main.ts), with only the given environment. */
async function products(args: string[]) {
  const run = await runNodeProcess({ cwd: ebsRoot, entry: "src/products/main.ts", args, env: env() });
  return { code: run.code, out: run.output };
}

async function rigProducts(): Promise<{ sku: string; cost: { amount: number } }[]> {
  const res = await fetch(`${rig.url}/rig/api/bits`);
  return ((await res.json()) as { products: { sku: string; cost: { amount: number } }[] }).products;
}

describe("pnpm run products sync, as a process against the rig", () => {
  it("shows a changed price in words, changes nothing with --dry-run, pushes it without, then has nothing to push", async () => {
    const helix = createHelixClient({ config: parseConfig(env()), clock: systemClock });
    await helix.call(updateExtensionBitsProduct({ ...megaHype, cost: 400 }));
    await helix.call(
      updateExtensionBitsProduct({ ...megaHype, sku: "old-hype", displayName: "Old Hype", cost: 50 }),
    );

    const dry = await products(["sync", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("mega-hype: changed (cost in Bits: 400 on Twitch → 500)");
    expect(dry.out).toContain("small-cheer: unchanged");
    expect(dry.out).toMatch(/old-hype: only on Twitch/);
    expect(dry.out).toContain("--dry-run: 1 product(s) would be pushed; nothing was changed.");
    expect((await rigProducts()).find((p) => p.sku === "mega-hype")?.cost.amount).toBe(400);

    const sync = await products(["sync"]);
    expect(sync.code).toBe(0);
    expect(sync.out).toContain("pushed mega-hype");
    expect((await rigProducts()).find((p) => p.sku === "mega-hype")?.cost.amount).toBe(500);

    const again = await products(["sync", "--dry-run"]);
    expect(again.out).toContain("Twitch already has the catalogue: nothing to push.");
  }, 60_000);

  it("answers a wrong command with the usage and exit code 2", async () => {
    const run = await products(["push"]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/Usage: pnpm run products sync \[--dry-run\]/);
  });
});

describe("the catalogue diff", () => {
  it("names an added product, each changed field, and what only Twitch has", () => {
    const changes = diffCatalogue({
      catalogue: [megaHype, { ...megaHype, sku: "new-one" }],
      live: [
        { ...megaHype, displayName: "Hype", inDevelopment: true, expiration: "2030-01-01T00:00:00Z" },
        { ...megaHype, sku: "gone" },
      ],
    });
    expect(changes.map((c) => [c.sku, c.change])).toEqual([
      ["mega-hype", "changed"],
      ["new-one", "added"],
      ["gone", "only_on_twitch"],
    ]);
    expect(changes[0]?.change === "changed" && changes[0].differences).toEqual([
      'display name: "Hype" on Twitch → "Mega Hype"',
      "in development: true on Twitch → false",
      'expiration: "2030-01-01T00:00:00Z" on Twitch → none',
    ]);
  });
});
