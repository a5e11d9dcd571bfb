import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for an app's main.ts: fails at start when asked to, else serves and stops cleanly on SIGTERM.
if (process.env.FAIL_AT_START) {
  console.error("bad config: FAIL_AT_START is set");
  process.exit(3);
}
console.log(
  `caller variable: ${process.env.CALLER_ONLY ?? "absent"}, given: ${process.env.GIVEN ?? "absent"}`,
);
const server = createServer((_req, res) => res.end("ok"));
server.listen(0, "127.0.0.1", () => {
  console.log(`serving http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
