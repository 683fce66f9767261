// Webhook deliveries to a receiver on loopback, on the benchmark database of bench/bench-api.ts,
// by one subscription's delivery passes (the activity its workflow runs, called here in a loop):
// signed, one at a time, in feed order. Prints deliveries per second through a backlog of
// followups, and the time from commit to delivery while followups come at a steady rate.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { startBenchApi } from './bench-api';
import { busyTicket } from './bench-tickets';
import { percentile, runConcurrently } from './bench-client';
import { createFollowup } from '../tickets/followup.repository';
import { feedEnd } from '../tickets/ticket-feed.repository';
import { deliverPass } from '../webhooks/webhook-delivery';
import { insertWebhook } from '../webhooks/webhook.repository';

const EVENTS = Number(process.env['GUICHET_BENCH_EVENTS'] ?? 2_000);
const RATE = Number(process.env['GUICHET_BENCH_RATE'] ?? 50);
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

const hook = await insertWebhook({
  ownerId: refs.technician,
  tokenId: null,
  url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`,
  events: ['ticket.followup_added'],
  filters: { entityChildren: true },
  cursor: await feedEnd(sequelize),
});

/** Delivery passes, as the subscription's workflow runs them, until every followup tagged `tag` has come. */
async function deliverAll(tag: string, count: number): Promise<void> {
  const arrived = () => [...receivedAt.keys()].filter((content) => content.startsWith(`${tag}:`)).length;
  while (arrived() < count) {
    const pass = await deliverPass(sequelize, hook.id, { allowPrivate: true }, { idleMs: 500, heartbeat: () => undefined });
    if (pass.stopped || pass.failure) throw new Error(`delivery stopped: ${JSON.stringify(pass)}`);
  }
}

const write = async (content: string) => {
  await createFollowup({ ticketId: ticket.id, authorId: refs.technician, content, private: false });
  committedAt.set(content, performance.now());
};

// A backlog: everything committed first, then delivered as fast as one subscription goes.
await runConcurrently(EVENTS, 8, (i) => write(`backlog:${i}`));
const started = performance.now();
await deliverAll('backlog', EVENTS);
const seconds = (performance.now() - started) / 1000;

// A steady desk: followups committed one by one at RATE a second while they are delivered.
const steady = Math.min(EVENTS, RATE * 20);
const delivering = deliverAll('steady', steady);
for (let i = 0; i < steady; i += 1) {
  await write(`steady:${i}`);
  await sleep(1000 / RATE);
}
await delivering;
// A delivery may come before its writer has noted the commit: the lags are counted at the end.
const lags = [...receivedAt]
  .filter(([content]) => content.startsWith('steady:'))
  .map(([content, at]) => at - committedAt.get(content)!)
  .sort((a, b) => a - b);
await hook.destroy();
receiver.close();

console.log(
  JSON.stringify({
    events: EVENTS,
    backlogDeliveriesPerSecond: Math.round(EVENTS / seconds),
    steadyPerSecond: RATE,
    steadyEvents: steady,
    commitToDeliveryP50Ms: Math.round(percentile(lags, 50)),
    commitToDeliveryP99Ms: Math.round(percentile(lags, 99)),
  }),
);
await close();
