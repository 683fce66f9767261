// The outbox relay in a process of its own, so that a test can kill it mid-batch: argv = batch
// size, idle ms. Prints "ready" once connected, then for each batch "sending <ticket:seq,…>"
// before the ClickHouse insert and "delivered <…>" (or "failed <…>") after it; the batch's outbox
// rows are deleted after "delivered", in the transaction that took them. SIGTERM stops it.
import { pino } from 'pino';
import { connectClickhouse } from '../../analytics/clickhouse';
import { runOutboxRelay } from '../../analytics/outbox-relay';
import { connectDatabase } from '../../db/sequelize';
import { TEST_CLICKHOUSE, TEST_DB_URL } from './test-settings';

const [batchSize, idleMs] = process.argv.slice(2).map(Number) as [number, number];
const sequelize = connectDatabase(TEST_DB_URL, 2);
await sequelize.authenticate();
const clickhouse = connectClickhouse(TEST_CLICKHOUSE);

// Writes to a pipe are synchronous on Linux: a line is out before the next step can be killed.
const report = (what: 'sending' | 'delivered' | 'failed', values: unknown) => {
  const events = values as { ticket_id: number; seq: number }[];
  process.stdout.write(`${what} ${events.map((e) => `${e.ticket_id}:${e.seq}`).join(',')}\n`);
};
const insert = clickhouse.insert.bind(clickhouse);
clickhouse.insert = async (params) => {
  report('sending', params.values);
  try {
    const result = await insert(params);
    report('delivered', params.values);
    return result;
  } catch (error) {
    report('failed', params.values);
    throw error;
  }
};

const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
process.stdout.write('ready\n');
await runOutboxRelay(sequelize, clickhouse, { batchSize, idleMs, logger: pino({ level: 'silent' }) }, stop.signal);
await Promise.allSettled([clickhouse.close(), sequelize.close()]);
