// The change feed as an integration reads it, through the real HTTP API in this process, on the
// benchmark database of bench/bench-api.ts. Followups are committed one by one by 8 writers at
// once; one consumer then catches up in pages of 500 (events per second read, sequencing
// included), and one follows the feed live with wait= while the writers write (commit → read).
import { startBenchApi } from './bench-api';
import { busyTicket } from './bench-tickets';
import { percentile, runConcurrently } from './bench-client';
import { createFollowup } from '../tickets/followup.repository';

const EVENTS = Number(process.env['GUICHET_BENCH_EVENTS'] ?? 20_000);
const { refs, call, close } = await startBenchApi();
const ticket = await busyTicket(refs);

interface Page {
  items: { type: string; data: { content?: string } }[];
  nextCursor: string;
}
const page = async (query: string): Promise<{ status: number; body: Page }> => {
  const { status, body } = await call(`/api/v1/events?${query}`);
  return { status, body: body as Page };
};
const latest = async () => (await page('after=latest')).body.nextCursor;

/** Commits `count` followups, 8 at a time; each content says when it was committed. */
const write = (count: number, tag: string) =>
  runConcurrently(count, 8, async (i) => {
    await createFollowup({ ticketId: ticket.id, authorId: refs.technician, content: `${tag}:${i}`, private: false });
  });

// Catching up: everything is written first, then read.
const start = await latest();
const written = await write(EVENTS, 'backlog');
let cursor = start;
let read = 0;
const readStarted = performance.now();
for (;;) {
  const { status, body } = await page(`after=${cursor}&limit=500`);
  if (status !== 200) throw new Error(`the feed answered ${status}`);
  read += body.items.filter((item) => item.data.content?.startsWith('backlog:')).length;
  cursor = body.nextCursor;
  if (body.items.length === 0) break;
}
const readSeconds = (performance.now() - readStarted) / 1000;
if (read !== EVENTS) throw new Error(`read ${read} of ${EVENTS} followups`);

// Live: a consumer holds wait= requests while the writers commit; each followup's lag is the time
// from its commit to the answer that brings it.
const committedAt = new Map<string, number>();
const seenAt = new Map<string, number>();
let live = await latest();
const following = (async () => {
  while (seenAt.size < EVENTS) {
    const { body } = await page(`after=${live}&limit=500&wait=5`);
    const now = performance.now();
    for (const item of body.items) if (item.data.content?.startsWith('live:')) seenAt.set(item.data.content, now);
    live = body.nextCursor;
  }
})();
await runConcurrently(EVENTS, 8, async (i) => {
  await createFollowup({ ticketId: ticket.id, authorId: refs.technician, content: `live:${i}`, private: false });
  committedAt.set(`live:${i}`, performance.now());
});
await following;
// An answer may come before its writer has noted the commit: the lags are counted at the end.
const lags = [...seenAt].map(([content, at]) => at - committedAt.get(content)!).sort((a, b) => a - b);

console.log(
  JSON.stringify({
    events: EVENTS,
    writtenPerSecond: Math.round(EVENTS / (written.wallMs / 1000)),
    catchUpReadPerSecond: Math.round(EVENTS / readSeconds),
    liveLagP50Ms: Math.round(percentile(lags, 50)),
    liveLagP99Ms: Math.round(percentile(lags, 99)),
  }),
);
await close();
