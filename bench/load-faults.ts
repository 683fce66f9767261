// The faults of a load run, one after the other: each strikes (a process killed, a service
// stopped), stays down a while, and is ended (started again); when and for how long is recorded.
import { setTimeout as pause } from 'node:timers/promises';

export interface Fault {
  name: string;
  strike: () => Promise<void>;
  recover: () => Promise<void>;
}

export interface FaultRecord {
  name: string;
  /** Seconds from the run's start to the strike. */
  atS: number;
  /** How long it was down, its restart included (s). */
  downS: number;
}

/** Strikes each fault in turn, the first after `firstAfterMs`, each down `outageMs`, `gapMs` apart. */
export async function runFaults(
  faults: readonly Fault[],
  { firstAfterMs, outageMs, gapMs }: { firstAfterMs: number; outageMs: number; gapMs: number },
): Promise<FaultRecord[]> {
  const started = Date.now();
  const records: FaultRecord[] = [];
  await pause(firstAfterMs);
  for (const fault of faults) {
    const struck = Date.now();
    await fault.strike();
    await pause(outageMs);
    await fault.recover();
    records.push({ name: fault.name, atS: (struck - started) / 1000, downS: (Date.now() - struck) / 1000 });
    await pause(gapMs);
  }
  return records;
}
