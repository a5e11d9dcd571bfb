import { systemClock } from "@ext/shared";
import { ConfigError, loadEnvironment, parseConfig } from "../config.ts";
import { createHelixClient, HelixError } from "../twitch/helix-client.ts";
import { syncProducts } from "./products-sync.ts";

const USAGE = `Usage: pnpm run products sync [--dry-run]
  Reads the extension's Bits products from Twitch (Get Extension Bits Products), shows what differs from the
  catalogue (packages/shared/src/bits/catalogue.ts), and pushes the differences (Update Extension Bits
  Product) unless --dry-run. Needs TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET (an app access token).`;

async function run(args: string[]): Promise<number> {
  const [command, ...flags] = args;
  const unknown = flags.filter((f) => f !== "--dry-run");
  if (command !== "sync" || unknown.length > 0) {
    console.log(
      command === undefined || command === "--help"
        ? USAGE
        : `Unknown: ${[command, ...unknown].join(" ")}\n\n${USAGE}`,
    );
    return command === "--help" ? 0 : 2;
  }
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(loadEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.log(error.message);
    return 1;
  }
  if (config.clientSecret === undefined) {
    console.log(
      "TWITCH_CLIENT_SECRET is not set: the products API needs an app access token of the extension's client id.",
    );
    return 1;
  }
  const helix = createHelixClient({ config, clock: systemClock });
  try {
    const { lines } = await syncProducts({ helix, dryRun: flags.includes("--dry-run") });
    console.log(lines.join("\n"));
    return 0;
  } catch (error) {
    if (!(error instanceof HelixError)) throw error;
    console.log(`Twitch refused: ${error.message}`);
    return 1;
  }
}

process.exitCode = await run(process.argv.slice(2));
