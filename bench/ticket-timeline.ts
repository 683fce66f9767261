// Timeline of a ticket with 500 items (250 followups, 100 tasks, 150 recorded events): p50/p99 of
// GET /api/v1/tickets/{id}/timeline through the real HTTP API in this process, on the benchmark
// database of bench/bench-api.ts.
import { FollowupRow, TaskRow, TicketEventRow, TicketRow } from '../db/models';
import { startBenchApi } from './bench-api';
import { percentile } from './bench-client';

const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = 100;
const { refs, call, close } = await startBenchApi();

const openedAt = new Date(Date.now() - 30 * 86_400_000);
const ticket = await TicketRow.create({
  title: 'Messagerie : envoi et réception bloqués pour plusieurs personnes',
  description: 'Depuis ce matin, plus rien ne part ni n’arrive.',
  type: 'incident',
  status: 'assigned',
  state: 'assigned',
  lifecycle_key: 'incident',
  lifecycle_version: 1,
  context: JSON.stringify({ requester: refs.technician, assignee: refs.technician, group: refs.group, level: 1, validator: null }),
  urgency: 4,
  impact: 4,
  priority: 4,
  category_id: null,
  entity_id: 1,
  due_at: null,
  priority_overridden: false,
  requester_id: refs.technician,
  assignee_id: refs.technician,
  group_id: refs.group,
  level: 1,
  source: 'email',
  location: 'Siège — 2e étage',
  seq: 150,
  opened_at: openedAt,
  taken_into_account_at: openedAt,
  resolved_at: null,
  closed_at: null,
  workflow_started_at: openedAt,
  created_by: refs.technician,
});
const at = (i: number) => new Date(openedAt.getTime() + i * 60_000);
await TicketEventRow.bulkCreate(
  Array.from({ length: 150 }, (_, i) => ({
    ticket_id: ticket.id,
    seq: i + 1,
    at: at(i * 3),
    actor_id: refs.technician,
    action: i === 0 ? 'create' : i % 2 ? 'pend' : 'resume',
    from_state: i === 0 ? null : i % 2 ? 'assigned' : 'pending',
    to_state: i % 2 ? 'pending' : 'assigned',
    data: JSON.stringify({ reason: 'En attente du fournisseur de messagerie' }),
  })),
);
await FollowupRow.bulkCreate(
  Array.from({ length: 250 }, (_, i) => ({
    ticket_id: ticket.id,
    author_id: refs.technician,
    content: `Relance n° ${i + 1} : la file d’attente du serveur est toujours pleine, nouvel essai dans une heure.`,
    private: i % 5 === 0,
    created_at: at(i * 2 + 1),
  })),
);
await TaskRow.bulkCreate(
  Array.from({ length: 100 }, (_, i) => ({
    ticket_id: ticket.id,
    author_id: refs.technician,
    content: `Vérifier le connecteur d’envoi (essai ${i + 1})`,
    duration_minutes: 15,
    state: i % 3 ? 'done' : 'todo',
    planned_start: null,
    planned_end: null,
    created_at: at(i * 4 + 2),
  })),
);

console.log(`timeline of ticket ${ticket.id}: 500 items; ${SAMPLES} reads per round`);
console.log('round  p50 ms  p99 ms  items  bytes');
for (let round = 1; round <= ROUNDS; round += 1) {
  const durations: number[] = [];
  let last = { status: 0, body: { items: [] as unknown[] } };
  for (let i = 0; i < SAMPLES; i += 1) {
    const result = await call(`/api/v1/tickets/${ticket.id}/timeline`);
    durations.push(result.ms);
    last = result;
  }
  if (last.status !== 200) throw new Error(`timeline answered ${last.status}`);
  const sorted = durations.sort((a, b) => a - b);
  console.log(
    round,
    percentile(sorted, 50).toFixed(1),
    percentile(sorted, 99).toFixed(1),
    last.body.items.length,
    JSON.stringify(last.body).length,
  );
}
await close();
