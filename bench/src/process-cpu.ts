import { readFileSync } from "node:fs";

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. Unlike
 * requests per second, CPU per request does not depend on how much of the machine the load generator took.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ");
    if (!fields) return undefined;
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
