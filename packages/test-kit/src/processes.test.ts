import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, runNodeProcess, startNodeProcess, untilAnswers } from "./processes.ts";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const serving = (output: string) => /serving (http:\/\/\S+)/.exec(output)?.[1];

describe("startNodeProcess", () => {
  it("resolves with the URL the process prints, passes only the given environment, and stops it", async () => {
    process.env.CALLER_ONLY = "leaked";
    const running = await startNodeProcess({
      name: "the test server",
      cwd: packageRoot,
      entry: "test/serve.ts",
      env: { GIVEN: "yes" },
      ready: serving,
    });
    delete process.env.CALLER_ONLY;
    expect(await (await fetch(running.url)).text()).toBe("ok");
    await untilAnswers(running, running.url);
    expect(running.output()).toContain("caller variable: absent, given: yes");
    await running.stop();
    expect(await running.exited).toBe(0);
  });

  it("rejects with the process's last output when it exits before it is ready", async () => {
    const started = startNodeProcess({
      name: "the test server",
      cwd: packageRoot,
      entry: "test/serve.ts",
      env: { FAIL_AT_START: "1" },
      ready: serving,
    });
    await expect(started).rejects.toThrow(/the test server exited with 3:\n.*FAIL_AT_START is set/s);
  });
});

describe("freePort", () => {
  it("answers a port on 127.0.0.1 nothing listens on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

describe("runNodeProcess", () => {
  it("runs a command to its end and answers its exit code and what it printed, stdout and stderr apart", async () => {
    const run = await runNodeProcess({
      cwd: packageRoot,
      entry: "test/serve.ts",
      env: { FAIL_AT_START: "1" },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("FAIL_AT_START is set");
    expect(run.stdout).toBe("");
    expect(run.output).toBe(run.stderr);
  });

  it("runs plain JavaScript with no loader when nodeArgs is empty", async () => {
    const run = await runNodeProcess({
      cwd: packageRoot,
      entry: "-e",
      args: ["console.log(process.argv.length, process.env.NO_COLOR)"],
      nodeArgs: [],
      env: {},
    });
    expect(run).toMatchObject({ code: 0, stdout: "1 1\n" });
  });
});
