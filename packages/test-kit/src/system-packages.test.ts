import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CommandRunner,
  ensureSystemPackage,
  runCommand,
  type SystemPackage,
} from "./system-packages.ts";

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "system-packages-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const REDIS: SystemPackage = {
  name: "redis-server",
  neededFor: "the Redis-mode tests start one",
  aptPackage: "redis-server",
  commands: ["redis-server"],
  elsewhere: "macOS: `brew install redis`",
};

async function executable(path: string): Promise<string> {
  await writeFile(path, "#!/bin/sh\n");
  await chmod(path, 0o755);
  return path;
}

/** A machine where redis-server is nowhere: an empty PATH directory (holding only apt-get when asked) and a missing candidate. */
async function bareMachine(withAptGet: boolean) {
  const bin = await tempDir();
  const aptGet = withAptGet ? await executable(join(bin, "apt-get")) : undefined;
  return {
    bin,
    aptGet,
    options: { ...REDIS, pathDirs: [bin], candidates: [join(bin, "nowhere", "redis-server")] },
  };
}

/** A fake apt-get: records its calls; `install` puts redis-server in `bin` when it is to succeed. */
function fakeApt(bin: string, install: "succeeds" | "fails" | "installs nothing") {
  const calls: string[][] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command, ...args]);
    if (args[0] !== "install") return { ok: true, output: "" };
    if (install === "fails") return { ok: false, output: "E: Unable to locate package redis-server" };
    if (install === "succeeds") await executable(join(bin, "redis-server"));
    return { ok: true, output: "Setting up redis-server" };
  };
  return { run, calls };
}

describe("ensureSystemPackage", () => {
  it("answers the executable it finds in the PATH directories, or else the first candidate that exists", async () => {
    const { bin, options } = await bareMachine(false);
    const candidate = await executable(join(bin, "candidate-redis-server"));
    expect(await ensureSystemPackage({ ...options, candidates: [join(bin, "absent"), candidate] })).toBe(
      candidate,
    );
    const onPath = await executable(join(bin, "redis-server"));
    expect(await ensureSystemPackage({ ...options, candidates: [candidate] })).toBe(onPath);
  });

  it("when it is missing and the process is not root, throws the command that installs it and runs nothing", async () => {
    const { bin, options } = await bareMachine(true);
    const apt = fakeApt(bin, "succeeds");
    await expect(ensureSystemPackage({ ...options, isRoot: false, run: apt.run })).rejects.toThrow(
      "redis-server is not installed, and the Redis-mode tests start one. Install it: `sudo apt-get install redis-server` (Debian/Ubuntu); macOS: `brew install redis`.",
    );
    expect(apt.calls).toEqual([]);
  });

  it("when root, installs it with apt-get (package lists read first) and answers where it now is", async () => {
    const { bin, aptGet, options } = await bareMachine(true);
    const apt = fakeApt(bin, "succeeds");
    expect(await ensureSystemPackage({ ...options, isRoot: true, run: apt.run })).toBe(
      join(bin, "redis-server"),
    );
    expect(apt.calls).toEqual([
      [aptGet, "update", "-qq"],
      [aptGet, "install", "-y", "-qq", "redis-server"],
    ]);
    expect(await ensureSystemPackage({ ...options, isRoot: true, run: apt.run })).toBe(
      join(bin, "redis-server"),
    );
    expect(apt.calls).toHaveLength(2);
  });

  it("installs once when two callers find it missing at the same time: the one that waited finds it", async () => {
    const { bin, options } = await bareMachine(true);
    const apt = fakeApt(bin, "succeeds");
    const both = await Promise.all([
      ensureSystemPackage({ ...options, isRoot: true, run: apt.run }),
      ensureSystemPackage({ ...options, isRoot: true, run: apt.run }),
    ]);
    expect(both).toEqual([join(bin, "redis-server"), join(bin, "redis-server")]);
    expect(apt.calls.filter((call) => call[1] === "install")).toHaveLength(1);
  });

  it("when root but apt-get fails, throws apt-get's output and how to install it", async () => {
    const { bin, options } = await bareMachine(true);
    const apt = fakeApt(bin, "fails");
    const ensured = ensureSystemPackage({ ...options, isRoot: true, run: apt.run });
    await expect(ensured).rejects.toThrow(
      /`apt-get install -y redis-server` failed:\nE: Unable to locate package/,
    );
    await expect(ensured).rejects.toThrow("`sudo apt-get install redis-server`");
  });

  it("when apt-get succeeds but the file is still not where the tests look, throws instead of answering a path", async () => {
    const { bin, options } = await bareMachine(true);
    const apt = fakeApt(bin, "installs nothing");
    await expect(ensureSystemPackage({ ...options, isRoot: true, run: apt.run })).rejects.toThrow(
      "apt-get installed redis-server, but redis-server is still not where the tests look",
    );
  });

  it("when root on a machine without apt-get, throws how to install it and runs nothing", async () => {
    const { bin, options } = await bareMachine(false);
    const apt = fakeApt(bin, "succeeds");
    await expect(ensureSystemPackage({ ...options, isRoot: true, run: apt.run })).rejects.toThrow(
      "Install it: `sudo apt-get install redis-server`",
    );
    expect(apt.calls).toEqual([]);
  });
});

describe("runCommand", () => {
  it("answers whether the command exited 0 and what it printed, with apt-get's questions turned off", async () => {
    const script = "console.log(process.env.DEBIAN_FRONTEND); console.error('to stderr'); process.exit(2)";
    const failed = await runCommand(process.execPath, ["-e", script]);
    expect(failed.ok).toBe(false);
    expect(failed.output).toContain("noninteractive\n");
    expect(failed.output).toContain("to stderr\n");
    expect(await runCommand(process.execPath, ["-e", ""])).toEqual({ ok: true, output: "" });
  });

  it("answers not ok, with the reason, for a command that does not exist", async () => {
    const run = await runCommand("/nonexistent/apt-get", ["update"]);
    expect(run.ok).toBe(false);
    expect(run.output).toContain("ENOENT");
  });
});
