import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { describeRound, startActionScenario } from "./action-scenario.ts";
import { summarizeCpuProfile } from "./cpu-profile.ts";
import { type Running, type Start, startBareExpress, withProcesses } from "./processes.ts";

// The throughput bench's load on the EBS and on the bare route, each run under `node --cpu-prof`: where
// does each spend its CPU? Prints both profiles' top self-time costs, by function and by origin.
const { values } = parseArgs({
  options: { seconds: { type: "string", default: "15" }, top: { type: "string", default: "25" } },
});
const seconds = Number(values.seconds);
const top = Number(values.top);
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600 || !Number.isInteger(top) || top < 1) {
  console.error("--seconds must be above 0 and at most 600, --top a whole number above 0");
  process.exit(2);
}

const folder = mkdtempSync(join(tmpdir(), "ebs-profile-"));
const profiled = (name: string) => ["--cpu-prof", `--cpu-prof-dir=${join(folder, name)}`];

function print(name: string, dir: string) {
  // tsx's module hooks run on a thread of their own, which writes a small profile too: the main thread's
  // is the largest.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!files[0]) throw new Error(`no profile of ${name} in ${dir}`);
  const { functions, origins } = summarizeCpuProfile(files[0], top);
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  console.log(`\n${name}: self time, share of busy samples (idle left out)`);
  for (const f of functions) console.log(`  ${pct(f.share)} ${f.name}`);
  console.log(`${name}: by origin`);
  for (const o of origins) console.log(`  ${pct(o.share)} ${o.name}`);
}

async function main(start: Start) {
  const { ebs, run } = await startActionScenario(start, { ebsNodeArgs: profiled("ebs") });
  const bare = await start(startBareExpress(profiled("bare")));
  console.log(`profile: ${seconds} s of the throughput bench's load on each server, under node --cpu-prof`);
  const measure = async (name: string, server: Running) => {
    await run(server, 2_000);
    console.log(`${name}: ${describeRound(await run(server, seconds * 1000))}`);
    // The profile is written when the process exits.
    await server.stop();
  };
  await measure("EBS", ebs);
  await measure("bare Express", bare);
}

try {
  await withProcesses(main);
  print("EBS", join(folder, "ebs"));
  print("bare Express", join(folder, "bare"));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
