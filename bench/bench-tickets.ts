// The benchmark databases' tickets: a large, deterministic base for the list, and one ticket with
// a long timeline.
import { QueryTypes, type Sequelize } from 'sequelize';
import { FollowupRow, TaskRow, TicketEventRow, TicketRow } from '../tickets/ticket.models';
import { priorityOf } from '../tickets/priority-matrix';

const PHRASES = [
  'Mon PC rame depuis ce matin',
  'Imprimante : lignes décalées après changement de cartouche',
  'Téléphone de la caisse hors service',
  'Pas de Wi-Fi sur mon portable',
  'Restaurer un e-mail supprimé',
  "Besoin de la dernière version d'Office",
  "Erreur 404 sur l'intranet",
  'Impossible d’accéder à la ressource partagée',
  'Clavier en panne',
  'Souris qui ne répond plus',
  'Plus d’accès à ma messagerie',
  'Erreur de calcul du prix de vente',
  'Soldes de congés mal affichés',
  'Création d’un compte utilisateur',
  'Écran qui clignote',
  'Disque dur plein',
];
const STATUSES = ['new', 'assigned', 'assigned', 'planned', 'pending', 'resolved', 'closed', 'closed', 'closed', 'closed'];
const SOURCES = ['helpdesk', 'email', 'phone', 'direct', 'other'];

// Deterministic, so every run fills the same base.
let seed = 42;
export const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** Fills the benchmark database up to `total` tickets, the same ones on every run. */
export async function fillTickets(
  sequelize: Sequelize,
  refs: { categories: number[]; technician: number; group: number },
  total: number,
): Promise<void> {
  const [existing] = await sequelize.query<{ count: number }>('SELECT COUNT(*) AS count FROM tickets', { type: QueryTypes.SELECT });
  const missing = total - Number(existing?.count ?? 0);
  if (missing <= 0) return;
  console.log(`filling ${missing} tickets…`);
  const started = performance.now();
  const now = Date.now();
  const batch = 2_000;
  for (let done = 0; done < missing; done += batch) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < Math.min(batch, missing - done); i += 1) {
      const status = pick(STATUSES);
      const urgency = 1 + Math.floor(random() * 5);
      const impact = 1 + Math.floor(random() * 5);
      const level = random() < 0.8 ? 1 : 2;
      const openedAt = new Date(now - Math.floor(random() * 365 * 86_400_000));
      const assigned = status !== 'new';
      const word = `ref${Math.floor(random() * 50_000)}`;
      rows.push('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      values.push(
        `${pick(PHRASES)} ${word}`,
        `${pick(PHRASES)}. Signalé par le magasin, poste ${word}.`,
        random() < 0.7 ? 'incident' : 'request',
        status,
        status,
        'incident',
        1,
        '{"requester":1,"assignee":null,"group":null,"level":1,"validator":null}',
        urgency,
        impact,
        priorityOf(urgency, impact),
        pick(refs.categories),
        1,
        refs.technician,
        assigned && random() < 0.5 ? refs.technician : null,
        assigned ? refs.group : null,
        level,
        pick(SOURCES),
        2,
        openedAt,
        openedAt,
        openedAt,
        openedAt,
        refs.technician,
        openedAt,
      );
    }
    await sequelize.query(
      `INSERT INTO tickets (title, description, type, status, state, lifecycle_key, lifecycle_version, context, urgency, impact,
         priority, category_id, entity_id, requester_id, assignee_id, group_id, level, source, seq, opened_at, created_at,
         updated_at, workflow_started_at, created_by, taken_into_account_at) VALUES ${rows.join(',')}`,
      { replacements: values, type: QueryTypes.INSERT },
    );
    if ((done / batch) % 50 === 0) console.log(`  ${done + rows.length} rows, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  console.log(`filled in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** A ticket with 500 timeline items: 150 recorded events, 250 followups (one in five private), 100 tasks. */
export async function busyTicket(refs: { technician: number; group: number }): Promise<TicketRow> {
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
  return ticket;
}
