import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface FixtureServer {
  /** The fixture page's URL, e.g. http://127.0.0.1:40001/view-fixture.html. */
  page: string;
  close(): Promise<void>;
}

/**
 * Serves tests/e2e/fixtures on 127.0.0.1 (its own origin, as an extension's files have theirs), with the
 * rig's helper URL written into the page's first script, as the panel's Vite plugin does for the panel.
 * Only the browser tests start it: the rig never serves it.
 */
export async function startFixtureServer(helperUrl: string): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? "/", "http://fixture").pathname.slice(1);
    const type = TYPES[extname(name)];
    if (!type || name.includes("/") || name.includes("..")) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(FIXTURES, name), "utf8").then(
      (text) => {
        res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
        res.end(text.replace("{{HELPER_URL}}", helperUrl));
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    page: `http://127.0.0.1:${port}/view-fixture.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
