import type { Transaction } from 'sequelize';
import { NotFoundError, ValidationError } from '../core/errors';
import { LifecycleDraftRow, LifecycleRow } from './lifecycle.models';
import { LifecycleDefinition } from './definition';
import { referenceFindings } from './lifecycle-references.repository';
import { sizeFindings, verifyLifecycle, type LifecycleFinding, type LifecycleVerification } from './verify-lifecycle';

/** A lifecycle version in the making: saved as written, with what verification finds in it. */
export interface LifecycleDraft {
  id: number;
  key: string;
  /** The published version it started from, or null for a new lifecycle. */
  basedOn: number | null;
  definition: unknown;
  findings: LifecycleFinding[];
  /** Whether its shape is right enough to be drawn (the verifier's other rules may still find problems). */
  drawable: boolean;
  updatedAt: string;
}

/** Everything the verifier finds, and the groups and users that do not exist here; the definition when there is nothing. */
export async function verifyDraft(input: unknown): Promise<LifecycleVerification> {
  const { definition, findings } = verifyLifecycle(input);
  const all = [...findings, ...(await referenceFindings(input))];
  return { definition: all.length === 0 ? definition : null, findings: all };
}

const toDraft = async (row: LifecycleDraftRow): Promise<LifecycleDraft> => {
  const definition: unknown = JSON.parse(row.definition);
  return {
    id: row.id,
    key: row.key,
    basedOn: row.based_on,
    definition,
    findings: (await verifyDraft(definition)).findings,
    drawable: drawableDefinition(definition) !== null,
    updatedAt: row.updated_at.toISOString(),
  };
};

/** The definition as the diagrams take it, or null while its shape is wrong or it is too large to draw. */
export function drawableDefinition(definition: unknown): LifecycleDefinition | null {
  if (sizeFindings(definition).length > 0) return null;
  const parsed = LifecycleDefinition.safeParse(definition);
  return parsed.success ? parsed.data : null;
}

/** Saves a new draft of lifecycle `key`, based on the published version `basedOn` (default: its newest). */
export async function createDraft(key: string, definition: unknown, authorId: number, basedOn?: number): Promise<LifecycleDraft> {
  if (basedOn !== undefined && !(await LifecycleRow.findOne({ where: { key, version: basedOn } }))) {
    throw new ValidationError({ basedOn: `lifecycle ${key} has no version ${basedOn}` });
  }
  const source = basedOn ?? (await LifecycleRow.max<number | null, LifecycleRow>('version', { where: { key } }));
  const row = await LifecycleDraftRow.create({
    key,
    based_on: source || null,
    definition: JSON.stringify(definition),
    author_id: authorId,
  });
  return toDraft(row);
}

async function draftRowOrFail(key: string, id: number, transaction?: Transaction): Promise<LifecycleDraftRow> {
  const row = await LifecycleDraftRow.findOne({ where: { key, id }, transaction, lock: transaction?.LOCK.UPDATE });
  if (!row) throw new NotFoundError(`Draft ${id} of lifecycle ${key}`);
  return row;
}

export const draftOrFail = async (key: string, id: number): Promise<LifecycleDraft> => toDraft(await draftRowOrFail(key, id));

/** Replaces the whole definition of a draft. */
export async function replaceDraft(key: string, id: number, definition: unknown): Promise<LifecycleDraft> {
  const row = await draftRowOrFail(key, id);
  row.definition = JSON.stringify(definition);
  row.changed('updated_at', true);
  await row.save();
  return toDraft(row);
}

export async function draftsOf(key: string): Promise<LifecycleDraft[]> {
  const rows = await LifecycleDraftRow.findAll({ where: { key }, order: [['id', 'DESC']] });
  return Promise.all(rows.map(toDraft));
}

/** The draft's definition as written, locked until `transaction` ends, and a way to drop the draft in it. */
export async function lockedDraft(key: string, id: number, transaction: Transaction) {
  const row = await draftRowOrFail(key, id, transaction);
  return { definition: JSON.parse(row.definition) as unknown, discard: () => row.destroy({ transaction }) };
}
