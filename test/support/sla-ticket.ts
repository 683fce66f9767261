import type { Sequelize } from 'sequelize';
import type { PublishedLifecycle } from '../../lifecycles/lifecycle.repository';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import type { SlaTerms } from '../../sla/sla-clock';
import { createCalendar, createSla } from '../../sla/sla.repository';
import { DEFAULT_PRIORITY_MATRIX } from '../../tickets/priority-matrix';
import { recordNewTicket } from '../../tickets/ticket-creation.repository';
import type { TicketRow } from '../../tickets/ticket.models';
import type { TestUser } from './stack';

/**
 * A ticket filed by `requester` under SLA terms the test chose (in seconds rather than minutes,
 * say), recorded as the API records one; its workflow is the test's to start.
 */
export function fileTicketUnderSla(
  sequelize: Sequelize,
  requester: TestUser,
  lifecycle: PublishedLifecycle,
  slaTerms: SlaTerms,
  title: string,
): Promise<TicketRow> {
  const user = {
    id: requester.id,
    login: requester.login,
    name: requester.login,
    email: null,
    profile: 'requester' as const,
    group: null,
    entity: 1,
    scopes: [{ profile: 'requester' as const, entities: [1] }],
    tokenId: null,
  };
  return recordNewTicket(
    sequelize,
    user,
    { title, description: 'Depuis ce matin.', type: 'incident', urgency: 5, impact: 5, source: 'phone' },
    lifecycle,
    { entityId: 1, priorityMatrix: DEFAULT_PRIORITY_MATRIX, slaTerms, slaChosenByHand: true, assets: [] },
  );
}

/** An SLA on an always-open calendar, for tickets a test files under terms of its own: its id. */
export async function alwaysOpenSla(): Promise<number> {
  const calendar = await createCalendar({ name: 'Toujours ouvert', ...ALWAYS_OPEN });
  const sla = await createSla({
    name: 'Éclair',
    calendar: calendar.id,
    match: { priority: [6] },
    ttoMinutes: 1,
    ttrMinutes: 1,
    levels: [],
    levelClocks: [],
  });
  return sla.id;
}
