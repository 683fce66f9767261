import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { WorkerDeploymentOptions } from '@temporalio/worker';

/** The Worker Deployment every versioned guichet worker belongs to; a release is one of its build ids. */
export const WORKER_DEPLOYMENT = 'guichet';

/**
 * How a worker of build `buildId` takes part in the deployment: it gets the tasks of every workflow while its build is
 * the current one, and none once another is. Workflows move to each new current build (AUTO_UPGRADE), replaying their
 * history on its code: a change that alters a decision goes behind `patched()`.
 */
export const versionedWorker = (buildId: string): WorkerDeploymentOptions => ({
  version: { deploymentName: WORKER_DEPLOYMENT, buildId },
  useWorkerVersioning: true,
  defaultVersioningBehavior: 'AUTO_UPGRADE',
});

// gRPC's codes: the deployment or the version is not known yet (its first poll has not reached the server).
const NOT_YET = new Set([5, 9]);
const codeOf = (error: unknown) => (error as { code?: unknown }).code;

/**
 * Makes `buildId` the current build: from now on every ticket's next step runs on its workers, and the workers of the
 * build before take no more tasks and can be stopped. Waits (up to `timeoutMs`) for a worker of that build to poll.
 */
export async function releaseBuild(temporal: Client, buildId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await temporal.workflowService.setWorkerDeploymentCurrentVersion({
        namespace: temporal.options.namespace,
        deploymentName: WORKER_DEPLOYMENT,
        buildId,
        identity: temporal.options.identity,
      });
      return;
    } catch (error) {
      if (!NOT_YET.has(codeOf(error) as number) || Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** The current build of the deployment, or null when none was released yet. */
export async function currentBuild(temporal: Client): Promise<string | null> {
  try {
    const { workerDeploymentInfo } = await temporal.workflowService.describeWorkerDeployment({
      namespace: temporal.options.namespace,
      deploymentName: WORKER_DEPLOYMENT,
    });
    return workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId || null;
  } catch (error) {
    if (codeOf(error) === 5) return null;
    throw error;
  }
}

/** The first build of a desk is released by its first worker: until a build is current, no versioned worker gets a task. */
export async function releaseIfFirst(temporal: Client, buildId: string): Promise<void> {
  if ((await currentBuild(temporal)) === null) await releaseBuild(temporal, buildId);
}
