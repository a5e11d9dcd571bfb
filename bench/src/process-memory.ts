import { readFileSync } from "node:fs";

/** A process's resident set size in MB (VmRSS in /proc/<pid>/status, Linux); undefined elsewhere or once it ended. */
export function processRssMb(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}
