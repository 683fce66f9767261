// The simulated desk: requesters who file tickets and follow them, technicians who work the queue
// (take a ticket, write to the requester, put it on hold until a date its clock ends, then solve
// it), managers on the dashboards and integrations polling the ticket list, each person acting
// after a think time of their own until the run ends.
import { setTimeout as pause } from 'node:timers/promises';
import { loadClient, type LoadTally } from './load-client';

export interface LoadTarget {
  baseUrl: string;
  /** An administrator's token: the people are API tokens it creates, each its own account and limit. */
  adminToken: string;
  /** The entity the people work in (with the entities below it). */
  entity: number;
}

export interface LoadPlan {
  people: number;
  durationMs: number;
  /** A person's pause between two steps, drawn between these bounds (ms). */
  thinkMs: [number, number];
  /** How long a technician puts a ticket on hold, drawn between these bounds (ms); its clock ends the hold. */
  holdMs: [number, number];
}

export interface LoadOutcome {
  tally: LoadTally;
  /** Every ticket filed during the run. */
  tickets: number[];
  /** Each hold with a date: the ticket, and when its clock is due. */
  holds: { ticket: number; until: number }[];
}

type Role = 'requester' | 'technician' | 'manager' | 'integration';

// Of 100 people: 60 requesters, 25 technicians, 10 managers, 5 integrations (at least one of each).
function rolesOf(people: number): Role[] {
  const count = (share: number) => Math.max(1, Math.round((people * share) / 100));
  const [technicians, managers, integrations] = [count(25), count(10), count(5)];
  const requesters = Math.max(1, people - technicians - managers - integrations);
  return [
    ...Array<Role>(requesters).fill('requester'),
    ...Array<Role>(technicians).fill('technician'),
    ...Array<Role>(managers).fill('manager'),
    ...Array<Role>(integrations).fill('integration'),
  ];
}

const PROFILE: Record<Role, string> = { requester: 'requester', technician: 'technician', manager: 'manager', integration: 'technician' };

const TITLES = [
  'Mon PC rame depuis ce matin',
  'Imprimante du 2e étage : bourrage papier',
  'Pas de Wi-Fi en salle Vercors',
  'Mot de passe expiré, compte bloqué',
  'Écran qui clignote',
  'Accès au partage Comptabilité refusé',
];

export async function runPeople(target: LoadTarget, plan: LoadPlan): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { tally: new Map(), tickets: [], holds: [] };
  const endsAt = Date.now() + plan.durationMs;
  const { send } = loadClient(target.baseUrl, outcome.tally, () => endsAt);
  const think = () => pause(plan.thinkMs[0] + Math.random() * (plan.thinkMs[1] - plan.thinkMs[0]));
  const running = () => Date.now() < endsAt;
  // A ticket is taken by one of the simulated technicians only: they do not fight over it.
  const taken = new Set<number>();

  const tokenFor = async (role: Role, n: number): Promise<string> => {
    const body = { name: `Load ${role} ${n} ${endsAt}`, profile: PROFILE[role], entity: target.entity, recursive: true };
    const created = await send('setup: API token', target.adminToken, 'POST', '/api/v1/api-tokens', body);
    if (created?.status !== 201) throw new Error(`cannot create the people's tokens: ${created?.status} ${JSON.stringify(created?.body)}`);
    return created.body.token as string;
  };

  async function requester(token: string, n: number): Promise<void> {
    while (running()) {
      const incident = {
        title: `${TITLES[n % TITLES.length]} (${n})`,
        description: 'Signalé depuis le portail.',
        type: 'incident',
        urgency: 1 + (n % 5),
        impact: 2,
      };
      const filed = await send('file a ticket', token, 'POST', '/api/v1/tickets', incident);
      if (filed?.status !== 201) {
        await think();
        continue;
      }
      const id = filed.body.id as number;
      outcome.tickets.push(id);
      // Follows it: its page, its timeline, a word to the desk; accepts the solution once there.
      for (let look = 0; look < 4 && running(); look += 1) {
        await think();
        const ticket = await send('read a ticket', token, 'GET', `/api/v1/tickets/${id}`);
        await send('read a timeline', token, 'GET', `/api/v1/tickets/${id}/timeline`);
        if (ticket?.body?.status === 'resolved') {
          await send('take an action', token, 'POST', `/api/v1/tickets/${id}/actions/accept_solution`, {});
          break;
        }
        if (look === 1) await send('write a followup', token, 'POST', `/api/v1/tickets/${id}/followups`, { content: 'Toujours bloqué.' });
      }
      await think();
    }
  }

  async function technician(token: string): Promise<void> {
    const onHold: { id: number; until: number }[] = [];
    while (running()) {
      await think();
      // Tickets whose hold has ended come back first: the clock has resumed them.
      const back = onHold.findIndex((hold) => hold.until + 2_000 < Date.now());
      if (back >= 0) {
        const [{ id }] = onHold.splice(back, 1) as [{ id: number; until: number }];
        const ticket = await send('read a ticket', token, 'GET', `/api/v1/tickets/${id}`);
        if (ticket?.body?.status === 'assigned') {
          await send('take an action', token, 'POST', `/api/v1/tickets/${id}/actions/resolve`, { solution: 'Poste réinstallé.' });
        }
        continue;
      }
      const queue = await send('list a queue', token, 'GET', '/api/v1/tickets?queue=unassigned&limit=20');
      const next = ((queue?.body?.items ?? []) as { id: number }[]).find((ticket) => !taken.has(ticket.id));
      if (!next) continue;
      taken.add(next.id);
      const assigned = await send('take an action', token, 'POST', `/api/v1/tickets/${next.id}/actions/assign`, {});
      if (assigned?.status !== 200) continue;
      await think();
      await send('write a followup', token, 'POST', `/api/v1/tickets/${next.id}/followups`, { content: 'Je regarde.' });
      const until = Date.now() + plan.holdMs[0] + Math.random() * (plan.holdMs[1] - plan.holdMs[0]);
      const held = await send('take an action', token, 'POST', `/api/v1/tickets/${next.id}/actions/pend`, {
        reason: 'Pièce commandée',
        until: new Date(until).toISOString(),
      });
      if (held?.status === 200) {
        onHold.push({ id: next.id, until });
        outcome.holds.push({ ticket: next.id, until });
      }
    }
  }

  async function manager(token: string): Promise<void> {
    while (running()) {
      await send('read a dashboard', token, 'GET', '/api/v1/kpis/summary');
      await send('read a dashboard', token, 'GET', '/api/v1/kpis/timeseries?metric=created&interval=day');
      await send('read a dashboard', token, 'GET', '/api/v1/kpis/breakdown?metric=mttrSeconds&by=category');
      await think();
    }
  }

  async function integration(token: string): Promise<void> {
    while (running()) {
      await send('poll the ticket list', token, 'GET', '/api/v1/tickets?limit=50');
      await think();
    }
  }

  const act = { requester, technician, manager, integration };
  const roles = rolesOf(plan.people);
  const tokens: string[] = [];
  for (const [n, role] of roles.entries()) tokens.push(await tokenFor(role, n));
  // People arrive over the first think time, not all at once.
  await Promise.all(
    roles.map(async (role, n) => {
      await pause(Math.random() * plan.thinkMs[1]);
      await act[role](tokens[n]!, n);
    }),
  );
  return outcome;
}
