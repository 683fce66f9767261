// Mail in and out on a running guichet (npm start): GUICHET_BENCH_MESSAGES messages (1,000) sent
// by alice to support@guichet.test become tickets; prints messages/s, p50/p99 from delivery to
// ticket (over the last 500), and acknowledgements/s as they reach alice's mailbox.
import { measureMailIntake } from './mail-intake-measure';
import { withDemoMailbox } from './demo-mailbox';

const messages = Number(process.env['GUICHET_BENCH_MESSAGES'] ?? 1_000);
const figures = await withDemoMailbox((mailbox) => measureMailIntake(mailbox, messages));
console.log('messages  sent in s  tickets/s  delivery→ticket p50 ms  p99 ms  acknowledgements/s');
console.log(
  [
    figures.messages,
    figures.sendSeconds.toFixed(1),
    figures.ticketsPerSecond.toFixed(1),
    figures.deliveryToTicketP50Ms.toFixed(0),
    figures.deliveryToTicketP99Ms.toFixed(0),
    figures.acknowledgementsPerSecond.toFixed(1),
  ].join('  '),
);
