import { DomainError, ValidationError } from '../core/errors';
import type { Language } from '../core/language';
import { lifecycleSvg } from '../diagrams/lifecycle-svg';
import type { CurrentUser } from '../users/user';
import { createDraft, draftOrFail, draftsOf, drawableDefinition, replaceDraft, type LifecycleDraft } from './lifecycle-draft.repository';
import type { DraftBody } from './lifecycle-draft.schemas';
import { publishDraft } from './lifecycle-publishing.service';

// A draft belongs to the lifecycle of its path: a definition naming another key would publish elsewhere.
function ownDefinition(key: string, body: DraftBody): DraftBody {
  if (body['key'] !== key) throw new ValidationError({ key: `the definition's key must be "${key}", the lifecycle of this path` });
  return body;
}

/** Drafts of the next version of a lifecycle: saved as written with their findings, drawn once their shape is right, then published. */
export const lifecycleDraftService = {
  create: (user: CurrentUser, key: string, body: DraftBody, basedOn?: number): Promise<LifecycleDraft> =>
    createDraft(key, ownDefinition(key, body), user.id, basedOn),

  list: draftsOf,

  get: draftOrFail,

  replace: (key: string, id: number, body: DraftBody): Promise<LifecycleDraft> => replaceDraft(key, id, ownDefinition(key, body)),

  async diagram(key: string, id: number, lang: Language): Promise<string> {
    const draft = await draftOrFail(key, id);
    const drawable = drawableDefinition(draft.definition);
    if (!drawable) {
      throw new DomainError('lifecycle_invalid', 'The draft cannot be drawn until its shape is right: fix the schema findings first', {
        findings: draft.findings,
      });
    }
    return lifecycleSvg(drawable, lang);
  },

  publish: publishDraft,
};
