// A ticket worker in a process of its own, so that a test can kill it: argv = Temporal address,
// path of a prebuilt workflow bundle. Prints "ready" once it polls.
import { defineModels } from '../../db/models';
import { connectDatabase } from '../../db/sequelize';
import { createTicketWorker } from '../../runtime/ticket-worker';
import { TEST_DB_URL } from './test-settings';

const [address, codePath] = process.argv.slice(2) as [string, string];
const sequelize = connectDatabase(TEST_DB_URL, 4);
defineModels(sequelize);
const { worker } = await createTicketWorker({ address, namespace: 'default', sequelize, workflowBundle: { codePath } });
const running = worker.run();
process.stdout.write('ready\n');
await running;
