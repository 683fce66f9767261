// npm run release:workers -- <build>: makes <build> the current build of the guichet Worker Deployment, once a worker
// started with GUICHET_WORKER_BUILD_ID=<build> polls. Every ticket's next step then runs on that build; the workers of
// the build before take no more tasks and can be stopped with SIGTERM.
import { Client, Connection } from '@temporalio/client';
import { config } from '../config/config';
import { currentBuild, releaseBuild } from '../runtime/worker-deployment';

const build = process.argv[2];
if (!build || !/^[\w.+-]{1,64}$/.test(build)) {
  console.error('usage: npm run release:workers -- <build id, as its workers have it in GUICHET_WORKER_BUILD_ID>');
  process.exit(2);
}
const connection = await Connection.connect({ address: config.temporalAddress });
const temporal = new Client({ connection, namespace: config.temporalNamespace });
try {
  const before = await currentBuild(temporal);
  await releaseBuild(temporal, build);
  console.log(`build ${build} is current (was ${before ?? 'none'}): the workers of ${before ?? 'no build'} can be stopped`);
} catch (error) {
  console.error(
    `build ${build} could not be made current (is a worker with GUICHET_WORKER_BUILD_ID=${build} running?): ${(error as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  await connection.close();
}
