import { systemClock } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { createRigApp } from "./app.ts";
import { parseEventSubHosts } from "./eventsub/callback-hosts.ts";
import { createRigState } from "./state/rig-state.ts";

const port = Number(process.env.RIG_PORT ?? 8090);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`RIG_PORT must be a port number (0-65535), got ${JSON.stringify(process.env.RIG_PORT)}.`);
  process.exit(1);
}
const eventSubHosts = parseEventSubHosts(process.env.RIG_EVENTSUB_HOSTS);
if ("error" in eventSubHosts) {
  console.error(eventSubHosts.error);
  process.exit(1);
}
const app = createRigApp({
  state: createRigState({ config: DEV_CONFIG, clock: systemClock, eventSubHosts: eventSubHosts.hosts }),
});
const server = app.listen(port, "127.0.0.1", (error?: Error) => {
  if (error) {
    console.error(`The rig cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  }
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`Rig ready: http://localhost:${actual}`);
});
