import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Scheduler } from "../delivery/scheduler.ts";
import type { BitsAnnouncerWithSweep } from "./bits-announcer.ts";

/** Pending announcements handled per run at most (a bound on one run's Redis calls; the next run goes on). */
export const SWEEP_MAX = 100;

export interface PendingSweeper {
  /** Sweeps now and then every `intervalMs`. */
  start(): void;
  stop(): void;
}

/**
 * The Redis mode's net under the announcer: every instance, at start and every `intervalMs`, queues the
 * Bits claims whose process died between the ledger's claim and the queue's push
 * (`BitsAnnouncerWithSweep.sweepPending`). Instances sweeping at once still queue each claim once.
 */
export function createPendingSweeper(input: {
  announcer: Pick<BitsAnnouncerWithSweep, "sweepPending">;
  scheduler: Scheduler;
  logger: Logger;
  intervalMs: number;
}): PendingSweeper {
  const { announcer, scheduler, logger, intervalMs } = input;
  let cancel: (() => void) | undefined;
  let started = false;
  let stopped = false;

  async function sweep() {
    try {
      await announcer.sweepPending({ limit: SWEEP_MAX });
    } catch (error) {
      logger.warn(
        { event: "bits_sweep_failed", error: safeCause(error).message },
        "could not sweep the pending Bits announcements; the next run tries again",
      );
    }
  }

  function schedule() {
    if (stopped) return;
    cancel = scheduler.setTimeout(() => {
      cancel = undefined;
      void sweep().finally(schedule);
    }, intervalMs);
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      void sweep().finally(schedule);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
