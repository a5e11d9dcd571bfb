import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningStack, startStack } from "./start-stack.ts";

/** True while a live (not zombie) process belongs to the process group. */
function groupAlive(pgid: number): boolean {
  const out = execFileSync("ps", ["-eo", "pgid=,stat="], { encoding: "utf8" });
  return out.split("\n").some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith("Z");
  });
}

describe("startStack", () => {
  let stack: RunningStack;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ log: (line) => lines.push(line), ebsEnv: { SQLITE_PATH: ":memory:" } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("brings up the rig, the EBS pointed at it and the panel loading the rig's helper; a click reaches chat", async () => {
    expect((await fetch(`${stack.urls.rig}/rig/api/state`)).status).toBe(200);
    const html = await (await fetch(`${stack.urls.panel}/`)).text();
    expect(html).toContain(`src="${stack.urls.rig}/rig/twitch-ext.js"`);
    expect(stack.urls.open).toContain(`panel=${encodeURIComponent(stack.urls.panel)}`);

    const tokenRes = await fetch(`${stack.urls.rig}/rig/api/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channelId: "41000001", viewer: "identified", userId: "51000001" }),
    });
    const { auth } = (await tokenRes.json()) as { auth: { token: string } };
    const action = await fetch(`${stack.urls.ebs.replace("localhost", "127.0.0.1")}/api/actions`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${auth.token}`,
        Origin: stack.urls.panel,
      },
      body: JSON.stringify({ action: "hype" }),
    });
    expect(action.status).toBe(202);
    const { actionId } = (await action.json()) as { actionId: string };
    const status = await fetch(
      `${stack.urls.ebs.replace("localhost", "127.0.0.1")}/api/actions/${actionId}`,
      {
        headers: { Authorization: `Bearer ${auth.token}`, Origin: stack.urls.panel },
      },
    );
    expect(((await status.json()) as { status: string }).status).toBe("sent");
    const chat = (await (await fetch(`${stack.urls.rig}/rig/api/channels/41000001/chat`)).json()) as {
      messages: { text: string }[];
    };
    expect(chat.messages.at(-1)?.text).toContain("Ana");
    expect(lines.some((l) => l.startsWith("[ebs] "))).toBe(true);
    expect(lines.some((l) => l.startsWith("[panel] "))).toBe(true);
  });

  it("fails with a message naming a port that is taken", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startStack({ ports: { ebs: port } })).rejects.toThrow(
        `Port ${port} (EBS) is already in use`,
      );
    } finally {
      blocker.close();
    }
  });

  it("restartEbs() ends the EBS's process tree and starts it again on the same port, which is no crash", async () => {
    const [oldEbs, panel] = stack.pids;
    let crash: unknown;
    void stack.crashed.then((c) => {
      crash = c;
    });

    await stack.restartEbs();

    expect(oldEbs !== undefined && groupAlive(oldEbs)).toBe(false);
    expect(stack.pids).toHaveLength(2);
    expect(stack.pids).toContain(panel);
    expect(stack.pids.every(groupAlive)).toBe(true);
    expect((await fetch(`${stack.urls.ebs.replace("localhost", "127.0.0.1")}/health`)).status).toBe(200);
    expect(crash).toBeUndefined();
  }, 90_000);

  it("stop() ends the EBS and panel process trees and closes the rig", async () => {
    const rigUrl = stack.urls.rig;
    const { pids } = stack;
    expect(pids.every(groupAlive)).toBe(true);
    await stack.stop();
    expect(pids.some(groupAlive)).toBe(false);
    await expect(fetch(`${rigUrl}/rig/api/state`)).rejects.toThrow();
  });
});
