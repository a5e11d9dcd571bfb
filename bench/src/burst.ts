import { runBurstScenario } from "./burst-scenario.ts";
import { type Start, startEbs, startRig, withProcesses } from "./processes.ts";

/** `pnpm bench:burst`: the burst scenario against one EBS (in memory) and the rig. */
async function main(start: Start) {
  const rig = await start(startRig());
  const ebs = await start(startEbs(rig.url));
  process.exitCode = (await runBurstScenario({ rigUrl: rig.url, ebsUrls: [ebs.url], cooldownSeconds: 10 }))
    ? 0
    : 1;
}

await withProcesses(main);
