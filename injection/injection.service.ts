import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { logger } from '../config/logger';
import { NotFoundError, ValidationError } from '../core/errors';
import { bytesOfUpload, type Upload } from '../core/file-transfer';
import { reconcileLicenceClocks } from '../licences/licence.service';
import { administeredOrFail, administers, entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { readMappedCsv } from './injection-csv';
import { textIn } from './injection-formats';
import {
  deleteMapping,
  insertMapping,
  insertRun,
  mappingNameTaken,
  mappingOf,
  mappingsOf,
  replaceMapping,
  runOf,
  runsOf,
} from './injection-mapping.repository';
import { countOutcomes, missingIdentity, planLine, type InjectionRules, type LineReport } from './injection-plan';
import { assetStore, licenceStore, userStore, type InjectionContext, type InjectionStore } from './injection-stores';
import { TARGET_FIELDS, TARGETS, fieldsOf, lineValues, type LineValues, type Target } from './injection-targets';
import type { MappingBody, MappingView, RunFields, RunSummary, RunView } from './injection.schemas';

const FILE_LIMIT_BYTES = 32 * 2 ** 20;
/** Lines a file may have: a run is answered when it is done, in one transaction. */
export const MAX_LINES = 20_000;

const NOUNS: Record<Target, readonly [string, string]> = {
  computer: ['computer', 'computers'],
  monitor: ['monitor', 'monitors'],
  printer: ['printer', 'printers'],
  phone: ['phone', 'phones'],
  network_device: ['network device', 'network devices'],
  user: ['user', 'users'],
  licence: ['licence', 'licences'],
};

/** The people a file's cells name by login, by login in lower case. */
async function peopleByLogin(
  sequelize: Sequelize,
  logins: readonly string[],
): Promise<Map<string, { id: number; login: string; name: string }>> {
  if (logins.length === 0) return new Map();
  const rows = await sequelize.query<{ id: number; login: string; name: string }>(
    'SELECT id, login, name FROM users WHERE login IN (:logins)',
    {
      replacements: { logins },
      type: QueryTypes.SELECT,
    },
  );
  return new Map(rows.map((row) => [row.login.toLowerCase(), row]));
}

/** What a mapping lets its runs do with each line. */
const rulesOf = (mapping: MappingView): InjectionRules => ({
  noun: NOUNS[mapping.target],
  identify: mapping.identify,
  required: TARGET_FIELDS[mapping.target].required,
  createOnly: mapping.target === 'user' ? ['profile'] : [],
  allowCreate: mapping.allowCreate,
  allowUpdate: mapping.allowUpdate,
});

/**
 * CSV data injection: administrators save mappings for their entities, then run files through
 * them — a dry run first to read what each line would do, then the real run, which writes every
 * line it can in one transaction (or nothing, should the database fail) and keeps its report.
 */
export function createInjectionService({ sequelize, temporal }: { sequelize: Sequelize; temporal: Client }) {
  const stores: Record<Target, InjectionStore> = {
    computer: assetStore(sequelize, 'computer'),
    monitor: assetStore(sequelize, 'monitor'),
    printer: assetStore(sequelize, 'printer'),
    phone: assetStore(sequelize, 'phone'),
    network_device: assetStore(sequelize, 'network_device'),
    user: userStore(sequelize),
    licence: licenceStore(sequelize),
  };

  async function mappingOrFail(user: CurrentUser, id: number): Promise<MappingView> {
    const mapping = await mappingOf(sequelize, id);
    if (!mapping || !administers(user, mapping.entity)) throw new NotFoundError(`Mapping ${id}`);
    return mapping;
  }

  async function checkedOrFail(user: CurrentUser, body: MappingBody, except?: number): Promise<void> {
    administeredOrFail(user, body.entity, 'entity');
    if (await mappingNameTaken(sequelize, body.name, except)) throw new ValidationError({ name: 'another mapping has this name' });
  }

  // What becomes of one line, written (or not) in the run's transaction.
  async function lineReport(
    mapping: MappingView,
    rules: InjectionRules,
    cells: Record<string, string>,
    people: Awaited<ReturnType<typeof peopleByLogin>>,
    context: InjectionContext & { dryRun: boolean },
  ): Promise<Omit<LineReport, 'line'>> {
    const { values, errors } = lineValues(mapping.target, cells, mapping);
    const person = typeof values.user === 'string' ? people.get(values.user.toLowerCase()) : undefined;
    if (values.user !== undefined && !person) errors.push(`user: no user has the login "${values.user}"`);
    if (errors.length > 0) return { outcome: 'rejected', reason: errors.join('; ') };
    if (person) values.user = person.login;
    const lacking = missingIdentity(values, rules);
    if (lacking.length > 0) return { outcome: 'rejected', reason: `${lacking.join(', ')}: needed to find the ${rules.noun[0]}` };
    const identity: LineValues = Object.fromEntries(mapping.identify.map((field) => [field, values[field]!]));
    const store = stores[mapping.target];
    const matches = await store.find(identity, context);
    const plan = planLine(values, matches, rules);
    if ('report' in plan) return plan.report;
    const clash = await store.clashOf?.(values, plan.write === 'update' ? plan.id : null, context);
    if (clash) return { outcome: 'rejected', reason: clash };
    const resolved = person ? { ...values, user: person.id, userName: person.name } : values;
    if (plan.write === 'create') {
      const id = await store.create(resolved, context);
      return context.dryRun ? { outcome: 'created' } : { outcome: 'created', item: id };
    }
    await store.update(matches[0]!, resolved, plan.changed, context);
    return { outcome: 'updated', item: plan.id, changed: plan.changed };
  }

  return {
    targets: () =>
      Object.fromEntries(
        TARGETS.map((target) => [
          target,
          { fields: fieldsOf(target), required: [...TARGET_FIELDS[target].required], identifying: [...TARGET_FIELDS[target].identifying] },
        ]),
      ) as Record<Target, { fields: string[]; required: string[]; identifying: string[] }>,

    list: (user: CurrentUser) => mappingsOf(sequelize, entitiesWhere(user, 'admins')),
    get: mappingOrFail,

    async create(user: CurrentUser, body: MappingBody): Promise<MappingView> {
      await checkedOrFail(user, body);
      return (await mappingOf(sequelize, await insertMapping(sequelize, body, user.id)))!;
    },

    async replace(user: CurrentUser, id: number, body: MappingBody): Promise<MappingView> {
      await mappingOrFail(user, id);
      await checkedOrFail(user, body, id);
      await replaceMapping(sequelize, id, body);
      return (await mappingOf(sequelize, id))!;
    },

    async remove(user: CurrentUser, id: number): Promise<void> {
      await mappingOrFail(user, id);
      await deleteMapping(sequelize, id);
    },

    async runs(user: CurrentUser, id: number): Promise<RunSummary[]> {
      await mappingOrFail(user, id);
      return runsOf(sequelize, id, 20);
    },

    async getRun(user: CurrentUser, id: number): Promise<RunView> {
      const run = await runOf(sequelize, id);
      if (!run || !(await mappingOf(sequelize, run.mapping).then((mapping) => mapping && administers(user, mapping.entity))))
        throw new NotFoundError(`Run ${id}`);
      return run;
    },

    /** Runs a file through a mapping; a dry run writes nothing but its report. */
    async run(user: CurrentUser, id: number, fields: RunFields, upload: Upload): Promise<RunView> {
      const mapping = await mappingOrFail(user, id);
      const bytes = await bytesOfUpload(upload.content, FILE_LIMIT_BYTES, 'A file');
      const text = textIn(bytes, mapping.encoding);
      if (text === undefined) {
        throw new ValidationError({
          file: `not ${mapping.encoding} text (a spreadsheet's export may be windows-1252: say so in the mapping)`,
        });
      }
      const csv = readMappedCsv(text, mapping.separator, mapping.columns);
      if ('missingHeaders' in csv) {
        throw new ValidationError({ file: `its first line has no column ${csv.missingHeaders.map((header) => `"${header}"`).join(', ')}` });
      }
      if (csv.lines.length + csv.unreadable.length > MAX_LINES) throw new ValidationError({ file: `at most ${MAX_LINES} lines at a time` });
      const startedAt = new Date();
      const logins = [...new Set(csv.lines.map((line) => line.cells.user?.trim()).filter((login): login is string => Boolean(login)))];
      const people = await peopleByLogin(sequelize, logins);
      const report: LineReport[] = csv.unreadable.map((line) => ({ line: line.line, outcome: 'rejected', reason: line.reason }));
      const transaction = await sequelize.transaction();
      let run: Omit<RunView, 'id'>;
      let runId = 0;
      try {
        const context = { entity: mapping.entity, runBy: user.id, transaction, dryRun: fields.dryRun };
        const rules = rulesOf(mapping);
        for (const { line, cells } of csv.lines) report.push({ line, ...(await lineReport(mapping, rules, cells, people, context)) });
        report.sort((a, b) => a.line - b.line);
        run = {
          mapping: id,
          dryRun: fields.dryRun,
          fileName: upload.name.slice(0, 255) || 'file.csv',
          lines: report.length,
          ...countOutcomes(report),
          startedBy: user.id,
          startedAt: startedAt.toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
          report,
        };
        // A real run's report is written with what it did; a dry run's once what it did is undone.
        if (!fields.dryRun) runId = await insertRun(sequelize, run, transaction);
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      if (fields.dryRun) {
        await transaction.rollback();
        return { id: await insertRun(sequelize, run), ...run };
      }
      await transaction.commit();
      if (mapping.target === 'licence' && run.created + run.updated > 0) {
        // Their renewal clocks take their terms now, or from the worker's reconciliation.
        await reconcileLicenceClocks({ sequelize, temporal }).catch((error: unknown) =>
          logger.warn({ err: error }, 'licence clocks left to the reconciliation'),
        );
      }
      return { id: runId, ...run };
    },
  };
}

export type InjectionService = ReturnType<typeof createInjectionService>;
