import { mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { withFileLock } from "./file-lock.ts";

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "file-lock-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("withFileLock", () => {
  it("lets one holder work at a time and frees the lock when the work throws", async () => {
    const lock = join(await tempDir(), "lock");
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name} in`);
        await sleep(300);
        events.push(`${name} out`);
        if (name === "a") throw new Error("a failed");
      });
    const [a, b] = await Promise.allSettled([holder("a"), holder("b")]);
    expect(a.status).toBe("rejected");
    expect(b.status).toBe("fulfilled");
    // Either may take the lock first (both start at once); what matters is that one leaves before the other enters.
    const first = events[0]?.split(" ")[0];
    const second = first === "a" ? "b" : "a";
    expect(events).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
    expect(await withFileLock(lock, async () => "free again")).toBe("free again");
  });

  it("takes over a lock left by a process that died holding it", async () => {
    const lock = join(await tempDir(), "lock");
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    expect(await withFileLock(lock, async () => "taken over", 30_000)).toBe("taken over");
  });
});
