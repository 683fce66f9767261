// Webhook deliveries to a receiver on loopback, on the benchmark database of bench/bench-api.ts:
// 8 writers commit followups while one subscription's delivery passes (the activity the
// subscription's workflow runs, called here in a loop) send them, signed, one at a time, in feed
// order. Prints deliveries per second and the time from each followup's commit to its delivery.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBenchApi } from './bench-api';
import { busyTicket } from './bench-tickets';
import { percentile, runConcurrently } from './bench-client';
import { createFollowup } from '../tickets/followup.repository';
import { feedEnd, sequenceFeed } from '../tickets/ticket-feed.repository';
import { deliverPass } from '../webhooks/webhook-delivery';
import { insertWebhook } from '../webhooks/webhook.repository';

const EVENTS = Number(process.env['GUICHET_BENCH_EVENTS'] ?? 2_000);
const { sequelize, refs, close } = await startBenchApi();
const ticket = await busyTicket(refs);

const committedAt = new Map<string, number>();
const receivedAt = new Map<string, number>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const content = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { data: { content: string } } }).data.data.content;
    receivedAt.set(content, performance.now());
    res.writeHead(204).end();
  });
}).listen(0, '127.0.0.1');
await new Promise((resolve) => receiver.once('listening', resolve));

await sequenceFeed(sequelize);
const hook = await insertWebhook({
  ownerId: refs.technician,
  tokenId: null,
  url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`,
  events: ['ticket.followup_added'],
  filters: { entityChildren: true },
  cursor: await feedEnd(sequelize),
});

const started = performance.now();
const delivering = (async () => {
  while (receivedAt.size < EVENTS) {
    const pass = await deliverPass(sequelize, hook.id, { allowPrivate: true }, { idleMs: 500, heartbeat: () => undefined });
    if (pass.stopped || pass.failure) throw new Error(`delivery stopped: ${JSON.stringify(pass)}`);
  }
})();
await runConcurrently(EVENTS, 8, async (i) => {
  await createFollowup({ ticketId: ticket.id, authorId: refs.technician, content: `hook:${i}`, private: false });
  committedAt.set(`hook:${i}`, performance.now());
});
await delivering;
const seconds = (performance.now() - started) / 1000;
// A delivery may come before its writer has noted the commit: the lags are counted at the end.
const lags = [...receivedAt].map(([content, at]) => at - committedAt.get(content)!).sort((a, b) => a - b);
await hook.destroy();
receiver.close();

console.log(
  JSON.stringify({
    events: EVENTS,
    deliveriesPerSecond: Math.round(EVENTS / seconds),
    commitToDeliveryP50Ms: Math.round(percentile(lags, 50)),
    commitToDeliveryP99Ms: Math.round(percentile(lags, 99)),
  }),
);
await close();
