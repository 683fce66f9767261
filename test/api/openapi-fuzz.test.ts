import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from 'sequelize';
import { SlaRow } from '../../sla/sla.models';
import { CategoryRow, EntityRow, GroupManagerRow, GroupMemberRow, SupportGroupRow } from '../../organisation/organisation.models';
import { RecurringTicketRow } from '../../recurring/recurring-ticket.models';
import { recurringScheduleId } from '../../workflows/recurring-ticket.contracts';
import { WebhookRow } from '../../webhooks/webhook.models';
import { webhookWorkflowId } from '../../workflows/webhook.contracts';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ARTIFACTS } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
});
afterAll(async () => stack?.close());

/** Runs a command, its output kept and written as it comes to `log`; resolves with its exit code. */
function run(command: string, args: string[], env: Record<string, string>, log: string): Promise<{ code: number | null; output: string }> {
  const file = createWriteStream(log);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      file.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => file.end(() => resolve({ code, output })));
  });
}

async function created(path: string, body: object): Promise<number> {
  const response = await stack.call('POST', path, { token: admin.token, body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body.id;
}

// Path parameters naming records that exist, so that the fuzzer reaches past the 404s into each operation.
async function existingRecords(): Promise<string> {
  const ticket = () =>
    created('/api/v1/tickets', { title: 'Imprimante', description: 'Bourrage', type: 'incident', urgency: 3, impact: 3 });
  const week = { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  const calendar = await created('/api/v1/calendars', { name: 'Bureau', timezone: 'Europe/Paris', hours: week, holidays: [] });
  const records: [string, Record<string, string | number>][] = [
    ['^/api/v1/tickets/', { 'path.id': await ticket(), 'path.ticket': await ticket() }],
    ['^/api/v1/kb/', { 'path.id': await created('/api/v1/kb/articles', { title: 'Bourrage', content: 'Ouvrir le bac.' }) }],
    ['^/api/v1/calendars/', { 'path.id': calendar }],
    // The change feed answers at once: a held request would only wait out the fuzzer's timeout.
    ['^/api/v1/events$', { 'query.wait': 0 }],
    ['^/api/v1/slas/', { 'path.id': await created('/api/v1/slas', { name: 'Standard', calendar, ttoMinutes: 60, ttrMinutes: 480 }) }],
    [
      '^/api/v1/lifecycles/',
      {
        'path.key': 'incident',
        'path.version': 1,
        'path.draftId': await created(
          '/api/v1/lifecycles/incident/drafts',
          SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!,
        ),
      },
    ],
  ];
  const operation = ([regex, parameters]: (typeof records)[number]) =>
    `[[operations]]\ninclude-path-regex = ${JSON.stringify(regex)}\nparameters = { ${Object.entries(parameters)
      .map(([name, value]) => `${JSON.stringify(name)} = ${JSON.stringify(value)}`)
      .join(', ')} }\n`;
  return records.map(operation).join('\n');
}

/**
 * Gives the support groups that were there their names, levels and members back, and sends the
 * groups the fuzzer made to the quarantine at the last level: later test files escalate to the
 * oldest level-2 group and find their groups by name.
 */
async function undoGroupChanges(
  groups: SupportGroupRow[],
  people: { members: GroupMemberRow[]; managers: GroupManagerRow[] },
  quarantine: number,
): Promise<void> {
  for (const { id, name, level, entity_id } of groups) await SupportGroupRow.update({ name, level, entity_id }, { where: { id } });
  await SupportGroupRow.update({ level: 9, entity_id: quarantine }, { where: { id: { [Op.notIn]: groups.map((group) => group.id) } } });
  await stack.sequelize.transaction(async (transaction) => {
    await GroupMemberRow.destroy({ where: {}, transaction });
    await GroupManagerRow.destroy({ where: {}, transaction });
    await GroupMemberRow.bulkCreate(people.members, { transaction });
    await GroupManagerRow.bulkCreate(people.managers, { transaction });
  });
}

describe('GET /api/v1/openapi.json', () => {
  it('describes an API schemathesis cannot make fail: no server error, every answer of its declared schema and status', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = `${ARTIFACTS}/schemathesis.toml`;
    writeFileSync(config, await existingRecords());
    const lastSlaBefore = Number((await SlaRow.max('id')) ?? 0);
    const groupsBefore = await SupportGroupRow.findAll({ raw: true });
    const entitiesBefore = await EntityRow.findAll({ raw: true });
    const categoriesBefore = await CategoryRow.findAll({ raw: true });
    const peopleBefore = { members: await GroupMemberRow.findAll({ raw: true }), managers: await GroupManagerRow.findAll({ raw: true }) };
    const lastRecurringBefore = Number((await RecurringTicketRow.max('id')) ?? 0);
    const lastWebhookBefore = Number((await WebhookRow.max('id')) ?? 0);
    const { code, output } = await run(
      'bash',
      ['scripts/schemathesis.sh', `${stack.baseUrl}/api/v1/openapi.json`, admin.token],
      { GUICHET_FUZZ_CONFIG: config },
      `${ARTIFACTS}/schemathesis.log`,
    );
    // The SLAs the fuzzer made up would match the tickets later test files file in this shared
    // database: they are moved to an entity of their own, where they apply to no one else.
    const quarantine = await created('/api/v1/entities', { parent: 1, name: 'Quarantaine des SLA du fuzzing' });
    await SlaRow.update({ entity_id: quarantine }, { where: { id: { [Op.gt]: lastSlaBefore } } });
    await undoGroupChanges(groupsBefore, peopleBefore, quarantine);
    // Entities and categories it renamed, moved or gave a matrix: as they were, for the priorities and paths later files expect.
    for (const { id, name, priority_matrix } of entitiesBefore) await EntityRow.update({ name, priority_matrix }, { where: { id } });
    for (const { id, parent_id, name_fr, name_en } of categoriesBefore)
      await CategoryRow.update({ parent_id, name_fr, name_en }, { where: { id } });
    // Its recurring tickets would file tickets at made-up times while later test files run: removed.
    for (const made of await RecurringTicketRow.findAll({ where: { id: { [Op.gt]: lastRecurringBefore } } })) {
      await stack.temporal.schedule
        .getHandle(recurringScheduleId(made.id))
        .delete()
        .catch(() => undefined);
      await made.destroy();
    }
    // Its webhooks would keep calling made-up URLs while later test files run: removed with their deliverers.
    for (const made of await WebhookRow.findAll({ where: { id: { [Op.gt]: lastWebhookBefore } } })) {
      await stack.temporal.workflow
        .getHandle(webhookWorkflowId(made.id))
        .terminate('made by the fuzzer')
        .catch(() => undefined);
      await made.destroy();
    }
    // Its summary (operations, test cases, each failure with the call that reproduces it) ends the output.
    if (code !== 0) console.log(output.slice(output.indexOf('=== ERRORS') >= 0 ? output.indexOf('=== ERRORS') - 40 : -20_000));
    expect(code, 'schemathesis found failures: see its summary above').toBe(0);
  }, 600_000);
});

describe('what the fuzzer and the sweeps found', () => {
  it('refuses a time series of more points than a chart can hold, and times ClickHouse cannot, naming from', async () => {
    const manager = await stack.userWith('manager');
    const yearsByHour = await stack.call('GET', '/api/v1/kpis/timeseries?metric=created&interval=hour&from=2000-01-01T00:00:00Z', {
      token: manager.token,
    });
    expect(yearsByHour.status).toBe(400);
    expect(Object.keys(yearsByHour.body.error.details.fields)).toEqual(['from']);
    const before1970 = await stack.call('GET', '/api/v1/kpis/summary?from=1969-12-31T00:00:00Z', { token: manager.token });
    expect(before1970.status).toBe(400);
    expect(Object.keys(before1970.body.error.details.fields)).toEqual(['from']);
    const yearByDay = await stack.call('GET', '/api/v1/kpis/timeseries?metric=created&interval=day&from=2025-01-01T00:00:00Z', {
      token: manager.token,
    });
    expect(yearByDay.status).toBe(200);
  });

  it('refuses a calendar without working time, which no ticket could come due on, naming hours', async () => {
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const refused = await stack.call('POST', '/api/v1/calendars', {
      token: admin.token,
      body: { name: 'Fermé', timezone: 'UTC', hours: closed, holidays: [] },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.details.fields)).toEqual(['hours']);
    const open = await created('/api/v1/calendars', {
      name: 'Lundi',
      timezone: 'UTC',
      hours: { ...closed, mon: [['09:00', '10:00']] },
      holidays: [],
    });
    const emptied = await stack.call('PATCH', `/api/v1/calendars/${open}`, { token: admin.token, body: { hours: closed } });
    expect(emptied.status).toBe(400);
    expect(Object.keys(emptied.body.error.details.fields)).toEqual(['hours']);
  });

  it('refuses the times MariaDB cannot store or compare, on a task, a ticket, an API token or the audit log, naming the field', async () => {
    const ticket = await created('/api/v1/tickets', { title: 'Écran', description: '', type: 'incident', urgency: 3, impact: 3 });
    const task = await stack.call('POST', `/api/v1/tickets/${ticket}/tasks`, {
      token: admin.token,
      body: { content: 'Changer la dalle', plannedStart: '0999-12-31T00:00:00Z', plannedEnd: '2030-01-01T00:00:00Z' },
    });
    expect(task.status).toBe(400);
    expect(Object.keys(task.body.error.details.fields)).toEqual(['plannedStart']);
    const due = await stack.call('PATCH', `/api/v1/tickets/${ticket}`, {
      token: admin.token,
      body: { dueAt: '9999-12-31T23:00:00-05:00' },
    });
    expect(due.status).toBe(400);
    expect(Object.keys(due.body.error.details.fields)).toEqual(['dueAt']);
    expect((await stack.call('GET', `/api/v1/tickets/${ticket}/timeline`, { token: admin.token })).status).toBe(200);
    const token = await stack.call('POST', '/api/v1/api-tokens', {
      token: admin.token,
      body: { name: 'Supervision', profile: 'technician', entity: 1, expiresAt: '9999-12-31T23:00:00-05:00' },
    });
    expect(token.status).toBe(400);
    expect(Object.keys(token.body.error.details.fields)).toEqual(['expiresAt']);
    // A period starting in the year 10000 was compared with nothing and left the audit log unfiltered.
    const audit = await stack.call('GET', `/api/v1/audit?from=${encodeURIComponent('9999-12-31T23:00:00-05:00')}`, { token: admin.token });
    expect(audit.status).toBe(400);
    expect(Object.keys(audit.body.error.details.fields)).toEqual(['from']);
  });

  it('refuses a profile named twice for one entity, naming profiles', async () => {
    const user = await stack.userWith('technician');
    const twice = await stack.call('PATCH', `/api/v1/users/${user.id}/profiles`, {
      token: admin.token,
      body: {
        profiles: [
          { entity: 1, profile: 'technician' },
          { entity: 1, profile: 'technician', recursive: false },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(Object.keys(twice.body.error.details.fields)).toEqual(['profiles']);
  });
});
