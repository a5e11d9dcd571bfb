import { readFileSync } from "node:fs";

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One line of the summary: a function (or a package) and its share of the busy samples. */
export interface Cost {
  name: string;
  share: number;
}

/** Where a frame's code comes from: a package (name@version), a Node module, a folder of the repository. */
function origin(url: string): string {
  if (url === "") return "(native)";
  if (url.startsWith("node:")) return url.split("/")[0]?.replace(/^node:internal.*/, "node:internal") ?? url;
  const pkg = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[2]) return pkg[2];
  const repo = /\/(apps\/[^/]+\/src|packages\/[^/]+\/src)\//.exec(url);
  return repo?.[1] ?? url;
}

function place(url: string, line: number): string {
  const pkg = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/(?:@[^/]+\/)?[^/]+\/(.+)$/.exec(url);
  if (pkg) return `${pkg[1]}/${pkg[2]}:${line + 1}`;
  const repo = /\/((?:apps|packages)\/.+)$/.exec(url);
  return `${repo?.[1] ?? url}:${line + 1}`;
}

/**
 * Self time of a CPU profile, by function and by origin, as shares of the busy samples (idle left out):
 * the costs to cut first are the top lines.
 */
export function summarizeCpuProfile(file: string, top = 25): { functions: Cost[]; origins: Cost[] } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const fn = new Map<string, number>();
  const org = new Map<string, number>();
  let busy = 0;
  for (const [i, id] of profile.samples.entries()) {
    const frame = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === "(idle)") continue;
    busy += dt;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? place(frame.url, frame.lineNumber) : ""}`;
    fn.set(name, (fn.get(name) ?? 0) + dt);
    const from = frame.url ? origin(frame.url) : frame.functionName;
    org.set(from, (org.get(from) ?? 0) + dt);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => ({ name, share: busy > 0 ? t / busy : 0 }));
  return { functions: ranked(fn), origins: ranked(org) };
}
