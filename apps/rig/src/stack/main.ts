import { parseEventSubHosts } from "../eventsub/callback-hosts.ts";
import { startStack } from "./start-stack.ts";

const verbose = process.argv.includes("--verbose");
const tail: string[] = [];

function log(line: string): void {
  if (verbose) {
    console.log(line);
    return;
  }
  tail.push(line);
  if (tail.length > 80) tail.shift();
}

const eventSubHosts = parseEventSubHosts(process.env.RIG_EVENTSUB_HOSTS);
if ("error" in eventSubHosts) {
  console.error(eventSubHosts.error);
  process.exit(1);
}

try {
  const stack = await startStack({
    ports: { rig: 8090, ebs: 8081, panel: 8080 },
    log,
    eventSubHosts: eventSubHosts.hosts,
  });
  console.log(`Rig ready: ${stack.urls.open}`);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  void stack.crashed.then((crash) => {
    console.error(
      `The ${crash.name} stopped (exit code ${crash.code}); stopping the stack. Its last lines:\n${crash.tail.join("\n")}`,
    );
    void shutdown(1);
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  if (!verbose && tail.length > 0) console.error(tail.join("\n"));
  process.exit(1);
}
