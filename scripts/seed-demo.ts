// Seeds the demo: support groups, the six demo users (password from GUICHET_DEMO_PASSWORD), the
// shipped lifecycles, and a few realistic tickets. Safe to run again: nothing is duplicated.
import { z } from 'zod';
import { config } from '../config/config';
import { envVar } from '../config/env';
import { logger } from '../config/logger';
import { DEMO_GROUPS, DEMO_TICKETS, DEMO_USERS } from '../db/demo-data';
import { SupportGroupRow, TicketRow, UserRow } from '../db/models';
import { publishLifecycle } from '../lifecycles/lifecycle.repository';
import { SHIPPED_LIFECYCLES } from '../lifecycles/shipped-lifecycles';
import { openConnections } from '../runtime/connections';
import { createTicketService } from '../tickets/ticket.service';
import { hashPassword } from '../users/password';
import { toUserView } from '../users/user';

const password = envVar('GUICHET_DEMO_PASSWORD', z.string().min(8, 'use at least 8 characters'));
const connections = await openConnections(config);
try {
  for (const group of DEMO_GROUPS) await SupportGroupRow.findOrCreate({ where: { name: group.name }, defaults: group });
  const hash = await hashPassword(password);
  for (const user of DEMO_USERS) {
    const group = user.group ? await SupportGroupRow.findOne({ where: { name: user.group } }) : null;
    const values = {
      login: user.login,
      name: user.name,
      email: `${user.login}@guichet.example`,
      profile: user.profile,
      group_id: group?.id ?? null,
      password_hash: hash,
    };
    const [row, created] = await UserRow.findOrCreate({ where: { login: user.login }, defaults: values });
    if (!created) await row.update({ password_hash: hash });
  }
  for (const definition of SHIPPED_LIFECYCLES) await publishLifecycle(definition);
  if ((await TicketRow.count()) === 0) {
    const alice = toUserView(await UserRow.findOne({ where: { login: 'alice' }, rejectOnEmpty: true }));
    const tickets = createTicketService(connections);
    for (const ticket of DEMO_TICKETS) await tickets.create(alice, { ...ticket, source: 'helpdesk' });
  }
  logger.info('demo data ready');
} finally {
  await connections.close();
}
