import { DomainError } from '../core/errors';
import { LifecycleDraftRow } from './lifecycle.models';
import { lockedDraft, verifyDraft } from './lifecycle-draft.repository';
import { publishLifecycle } from './lifecycle.repository';

/**
 * Publishes a draft as the next immutable version of its lifecycle and drops the draft, in one
 * transaction. A draft with findings is refused (400 `lifecycle_invalid`, every finding in the
 * details) and nothing is published. New tickets start on the new version; running ones keep theirs.
 */
export async function publishDraft(key: string, draftId: number): Promise<{ key: string; version: number }> {
  return LifecycleDraftRow.sequelize!.transaction(async (transaction) => {
    const draft = await lockedDraft(key, draftId, transaction);
    const { definition, findings } = await verifyDraft(draft.definition);
    if (!definition) {
      throw new DomainError(
        'lifecycle_invalid',
        `Draft ${draftId} of lifecycle ${key} does not pass verification (${findings.length} findings)`,
        {
          findings,
        },
      );
    }
    const version = await publishLifecycle(definition, transaction);
    await draft.discard();
    return { key, version };
  });
}
