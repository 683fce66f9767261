import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackup, runTool, type DeskData } from '../../backup/backup';
import { mariadbClientOf } from '../../backup/mariadb-client';
import { backupManifestOf, restoreBackup } from '../../backup/restore';
import { latestLifecycleOrFail, publishLifecycle } from '../../lifecycles/lifecycle.repository';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { TicketEventRow, TicketRow } from '../../tickets/ticket.models';
import { positionOf } from '../../tickets/ticket-view';
import { restartOpenTicketWorkflows } from '../../tickets/ticket-workflow-reconciler';
import { startTicketWorkflow } from '../../workflows/ticket-workflow.starter';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { startOwnMariadb } from '../support/fault-burst';
import { alwaysOpenSla, fileTicketUnderSla } from '../support/sla-ticket';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { eventually, startStack, type Stack } from '../support/stack';

// A resolved ticket closes itself a minute after its solution (seconds, not days, for the test).
const AUTO_CLOSE_MS = 60_000;
vi.hoisted(() => {
  process.env['GUICHET_AUTO_CLOSE_DAYS'] = String(60_000 / 86_400_000);
});

// The desk on a MariaDB and a Temporal dev server of its own: backed up while its clocks run, its
// data wiped, restored, and its clocks firing once each at their time.
let temporal: ServiceInstance;
let mariadb: ServiceInstance;
let dbUrl: string;
let stack: Stack | undefined;
const attachmentsDir = mkdtempSync(join(tmpdir(), 'guichet-attachments-'));
const backupDir = join(mkdtempSync(join(tmpdir(), 'guichet-backup-')), 'backup');
const PHOTO = Buffer.from(`photo de l'écran ${randomUUID()}`);

beforeAll(async () => {
  temporal = await startServiceInstance('temporal');
  ({ mariadb, url: dbUrl } = await startOwnMariadb(1));
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await temporal?.stop();
  await mariadb?.stop();
});

const desk = () => startStack({ dbUrl, temporalAddress: `127.0.0.1:${temporal.port}`, relay: false, attachmentsDir });
const clockEvents = async (ticketId: number, action: string) =>
  (await TicketEventRow.findAll({ where: { ticket_id: ticketId, action }, order: [['seq', 'ASC']] })).map((event) => event.at.getTime());

describe('a backup restored on a wiped desk', () => {
  it(
    'brings back tickets, files and running workflows, and each clock (hold, SLA, state timer, auto-close) fires once at its time',
    { timeout: 240_000 },
    async () => {
      stack = await desk();
      const requester = await stack.userWith('requester');
      const technician = await stack.userWith('technician', 'N1');
      // A ticket assigned for a minute is escalated by its state's timer, which stays spent across the restore.
      const timedIncident = structuredClone((await latestLifecycleOrFail('incident')).definition);
      timedIncident.states['assigned']!.timers = [{ after: 'PT1M', action: 'escalate' }];
      timedIncident.actions.find((action) => action.name === 'escalate')!.roles.push('system');
      await publishLifecycle(timedIncident);
      const waiting = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: { title: 'Badge refusé au portique', description: 'Depuis lundi.', type: 'incident', urgency: 3, impact: 2 },
      });
      const timed = waiting.body.id as number;
      expect((await stack.call('POST', `/api/v1/tickets/${timed}/actions/assign`, { token: technician.token, body: {} })).status).toBe(200);
      await eventually(async () => ((await clockEvents(timed, 'escalate')).length === 1 ? true : undefined), 120_000);
      // A ticket on hold until a date 50 s away, with a file.
      const filed = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: { title: 'Écran qui clignote', description: 'Depuis la mise à jour.', type: 'incident', urgency: 3, impact: 2 },
      });
      const held = filed.body.id as number;
      await stack.call('POST', `/api/v1/tickets/${held}/actions/assign`, { token: technician.token, body: {} });
      const until = new Date(Date.now() + 50_000).toISOString();
      const pended = await stack.call('POST', `/api/v1/tickets/${held}/actions/pend`, {
        token: technician.token,
        body: { reason: 'Pièce commandée', waitingFor: 'supplier', until },
      });
      expect(pended.status).toBe(200);
      const form = new FormData();
      form.set('file', new Blob([PHOTO], { type: 'text/plain' }), 'ecran.txt');
      const uploaded = await fetch(`${stack.baseUrl}/api/v1/tickets/${held}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${requester.token}` },
        body: form,
      });
      expect(uploaded.status).toBe(201);
      const attachment = ((await uploaded.json()) as { id: number }).id;

      // A ticket resolved now, which closes itself a minute later unless its requester answers.
      const solved = (
        await stack.call('POST', '/api/v1/tickets', {
          token: requester.token,
          body: { title: 'Mot de passe expiré', description: 'Impossible de me connecter.', type: 'incident', urgency: 2, impact: 2 },
        })
      ).body.id as number;
      await stack.call('POST', `/api/v1/tickets/${solved}/actions/assign`, { token: technician.token, body: {} });
      const resolution = await stack.call('POST', `/api/v1/tickets/${solved}/actions/resolve`, {
        token: technician.token,
        body: { solution: 'Mot de passe réinitialisé' },
      });
      expect(resolution.status).toBe(200);
      const resolvedAt = (await TicketRow.findByPk(solved, { rejectOnEmpty: true })).resolved_at!.getTime();

      // A ticket whose time to own runs out 55 s from now (seconds, not minutes, for the test).
      const slaId = await alwaysOpenSla();
      const slaTerms = { slaId, calendar: ALWAYS_OPEN, ttoMinutes: 55 / 60, ttrMinutes: 10, levels: [], levelClocks: [] };
      const lifecycle = await latestLifecycleOrFail('incident');
      const row = await fileTicketUnderSla(stack.sequelize, requester, lifecycle, slaTerms, 'Plus de tonalité à la caisse 23');
      const owned = row.id;
      const ttoDue = Date.parse((JSON.parse(row.sla_clocks!) as { tto: { due: string } }).tto.due);
      await startTicketWorkflow(stack.temporal, {
        ticketId: owned,
        lifecycle,
        position: positionOf(row),
        priority: row.priority,
        type: 'incident',
        sla: JSON.parse(row.sla_clocks!),
      });

      const data: DeskData = {
        dbUrl,
        temporalDbFile: join(temporal.dataDir, 'temporal', 'temporal.db'),
        temporalPostgresUrl: null,
        attachmentsDir,
      };
      const manifest = await createBackup(data, backupDir);
      const backedUpAt = Date.now();
      expect(manifest).toMatchObject({ temporal: true, attachments: 1 });

      // Everything gone: the processes, Temporal's file, the files, the database.
      await stack.close();
      stack = undefined;
      await temporal.halt();
      await rm(join(temporal.dataDir, 'temporal'), { recursive: true, force: true });
      await rm(attachmentsDir, { recursive: true, force: true });
      const client = mariadbClientOf(dbUrl);
      await runTool('mariadb', [...client.args, '-e', `DROP DATABASE ${client.database}`], { env: client.env });

      await restoreBackup(backupDir, await backupManifestOf(backupDir, manifest.migrations), data);
      await temporal.restart();
      stack = await desk();
      expect(await restartOpenTicketWorkflows(stack.temporal)).toBe(4);
      const admin = await stack.userWith('admin');
      const view = await stack.call('GET', `/api/v1/tickets/${held}`, { token: admin.token });
      expect(view.body).toMatchObject({ title: 'Écran qui clignote', status: 'pending' });
      const content = await fetch(`${stack.baseUrl}/api/v1/attachments/${attachment}/content`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(Buffer.from(await content.arrayBuffer())).toEqual(PHOTO);

      // The clocks fire after the restore, at their time, once.
      const [resumed] = await eventually(async () => {
        const times = await clockEvents(held, 'resume');
        return times.length > 0 ? times : undefined;
      }, 120_000);
      const [breached] = await eventually(async () => {
        const times = await clockEvents(owned, 'sla_breach');
        return times.length > 0 ? times : undefined;
      }, 120_000);
      const [closed] = await eventually(async () => {
        const times = await clockEvents(solved, 'close');
        return times.length > 0 ? times : undefined;
      }, 120_000);
      expect(closed).toBeGreaterThanOrEqual(Math.max(resolvedAt + AUTO_CLOSE_MS, backedUpAt));
      expect(resumed).toBeGreaterThanOrEqual(Math.max(Date.parse(until), backedUpAt));
      expect(breached).toBeGreaterThanOrEqual(Math.max(ttoDue, backedUpAt));
      // Each workflow runs on from what was recorded: its state is the row's, and nothing fired twice.
      for (const ticket of [held, owned, timed, solved]) {
        const state = await stack.temporal.workflow.getHandle(ticketWorkflowId(ticket)).query(ticketStateQuery);
        const recorded = await TicketRow.findByPk(ticket, { rejectOnEmpty: true });
        expect(state.seq).toBe(recorded.seq);
      }
      expect(await clockEvents(held, 'resume')).toHaveLength(1);
      expect(await clockEvents(owned, 'sla_breach')).toHaveLength(1);
      expect(await clockEvents(timed, 'escalate')).toHaveLength(1);
      expect(await clockEvents(solved, 'close')).toHaveLength(1);
    },
  );
});
