// Records the histories of ticket workflows as the current code runs them, for
// test/workflows/replay.test.ts to replay against every later version of the code. Run it before a
// change to workflow code (or to anything the workflow bundle holds), and commit what it writes:
//
//   npm run record:histories -- <label>     (writes test/fixtures/workflow-histories/<label>/)
//
// Every shipped lifecycle is walked along paths that take each of its branches, refused actions
// and field edits included, and then left to its clocks for a month.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import proto from '@temporalio/proto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { applyActionUpdate, editFieldsUpdate } from '../../workflows/ticket.contracts';
import { lifecyclePaths, PATH_START_CONTEXT, type LifecyclePath } from './lifecycle-paths';
import { startWorkflowHarness } from './workflow-harness';

const HISTORIES_DIR = join(import.meta.dirname, '..', 'fixtures', 'workflow-histories');
const WORKFLOWS_PATH = join(import.meta.dirname, '..', '..', 'workflows', 'index.ts');

/** Paths that between them take every branch (action from a state to its target) the paths reach, fewest first found. */
function branchCover(paths: LifecyclePath[]): LifecyclePath[] {
  const taken = new Set<string>();
  const branchesOf = ({ steps }: LifecyclePath) =>
    steps.map(({ event, position }, i) => `${i === 0 ? '' : steps[i - 1]!.position.state} ${event.type} ${position.state}`);
  const byLength = [...paths].sort((a, b) => b.steps.length - a.steps.length);
  return byLength.filter((path) => {
    const fresh = branchesOf(path).filter((branch) => !taken.has(branch));
    fresh.forEach((branch) => taken.add(branch));
    return fresh.length > 0;
  });
}

async function main(label: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  const harness = await startWorkflowHarness({ code });
  const dir = join(HISTORIES_DIR, label);
  mkdirSync(dir, { recursive: true });
  try {
    const started: { name: string; handle: Awaited<ReturnType<typeof harness.startTicket>>['handle'] }[] = [];
    for (const definition of SHIPPED_LIFECYCLES) {
      const paths = branchCover(lifecyclePaths(definition).paths);
      for (const [n, { ticket, steps }] of paths.entries()) {
        // Every fourth ticket continues as new after each transition, as a long-lived ticket does.
        const { handle } = await harness.startTicket({
          definition,
          position: startPosition(compileLifecycle(definition), PATH_START_CONTEXT),
          priority: ticket.priority,
          ticketType: ticket.type,
          ...(n % 4 === 3 && { maxTransitionsPerRun: 1 }),
        });
        for (const { event } of steps) {
          await handle.executeUpdate(applyActionUpdate, { args: [{ action: event.type, actor: event.actor, payload: event.payload }] });
        }
        const actor = steps.at(-1)?.event.actor ?? { id: PATH_START_CONTEXT.requester, profile: 'requester' as const };
        // A refused action and an edit that raises the priority (which starts an SLA) end each path.
        await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'no_such_action', actor, payload: {} }] }).catch(() => undefined);
        await handle.executeUpdate(editFieldsUpdate, { args: [{ actor, edit: { priority: 1 } }] }).catch(() => undefined);
        started.push({ name: `${definition.key}-${String(n + 1).padStart(2, '0')}`, handle });
      }
    }
    // Pending dates, SLA clocks and auto-closes fire.
    await harness.env.sleep('31 days');
    for (const { name, handle } of started) {
      const history = await handle.fetchHistory();
      // Protobuf's binary form: the SDK's JSON conversion of histories does not load with the protobufjs installed beside it.
      writeFileSync(join(dir, `${name}.binpb.gz`), gzipSync(proto.temporal.api.history.v1.History.encode(history).finish()));
    }
    console.log(`${started.length} histories written to ${dir}`);
  } finally {
    await harness.close();
  }
}

const label = process.argv[2];
if (!label) {
  console.error('usage: npm run record:histories -- <label>');
  process.exit(2);
}
await main(label);
