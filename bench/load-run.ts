// A load run with failures: the simulated people work the desk while the faults strike in turn;
// once both are over, the run's tickets are checked. Its report is a table per kind of request.
import { checkRun, type RunChecks } from './load-checks';
import { runFaults, type Fault, type FaultRecord } from './load-faults';
import { runPeople, type LoadOutcome, type LoadPlan, type LoadTarget } from './load-people';
import { percentile } from './bench-client';

export interface LoadRunSetup {
  target: LoadTarget;
  plan: LoadPlan;
  faults: readonly Fault[];
  faultTiming: { firstAfterMs: number; outageMs: number; gapMs: number };
  deps: Parameters<typeof checkRun>[0];
  /** How long the relay is given, once the run is over, to bring the warehouse level. */
  settleMs: number;
}

export interface LoadRunResult {
  outcome: LoadOutcome;
  faults: FaultRecord[];
  checks: RunChecks;
}

export async function runLoadWithFailures(setup: LoadRunSetup): Promise<LoadRunResult> {
  const [outcome, faults] = await Promise.all([runPeople(setup.target, setup.plan), runFaults(setup.faults, setup.faultTiming)]);
  return { outcome, faults, checks: await checkRun(setup.deps, outcome, setup.settleMs) };
}

/** The run's figures as the bench prints them. */
export function loadReport({ outcome, faults, checks }: LoadRunResult): string {
  const lines = ['kind of request            answers    p50 ms    p99 ms  unfinished  every try by status (0: no answer)'];
  for (const [kind, figures] of [...outcome.tally].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...figures.durations].sort((a, b) => a - b);
    lines.push(
      [
        kind.padEnd(24),
        String(sorted.length).padStart(9),
        percentile(sorted, 50).toFixed(0).padStart(9),
        percentile(sorted, 99).toFixed(0).padStart(9),
        String(figures.unfinished).padStart(11),
        ` ${JSON.stringify(figures.statuses)}`,
      ].join(' '),
    );
  }
  lines.push('', "final refusals (status, code, count: the first one's message):");
  for (const [kind, figures] of outcome.tally)
    for (const [key, { count, message }] of Object.entries(figures.refusals)) lines.push(`  ${kind}: ${key} ×${count}: ${message}`);
  lines.push('', 'faults:');
  for (const fault of faults)
    lines.push(`  ${fault.name.padEnd(28)} at ${fault.atS.toFixed(0).padStart(4)} s, down ${fault.downS.toFixed(1)} s`);
  const { clocks } = checks;
  lines.push(
    '',
    `tickets filed: ${checks.tickets}, events recorded: ${checks.events}`,
    `without their workflow: ${checks.withoutWorkflow.length}; workflow ≠ MariaDB: ${checks.workflowDisagrees.length}; ClickHouse ≠ MariaDB: ${checks.warehouseDisagrees.length}`,
    `hold clocks due: ${clocks.due}, ended once on time: ${clocks.endedOnce}, not ended: ${clocks.notEnded.length}, twice: ${clocks.endedTwice.length}, early: ${clocks.early.length}`,
  );
  return lines.join('\n');
}
