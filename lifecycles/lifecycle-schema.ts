import { z } from 'zod';
import { LifecycleDefinition } from './definition';

/**
 * The published JSON Schema (draft 2020-12) of a lifecycle definition, from the same schema the
 * API validates with. Editors use it for completion; the rules that look across the definition
 * (reachability, roles, guards) are the verifier's, not the schema's.
 */
export const LIFECYCLE_JSON_SCHEMA = {
  $id: '/api/v1/lifecycles/definition.schema.json',
  title: 'guichet lifecycle definition',
  ...z.toJSONSchema(LifecycleDefinition, { target: 'draft-2020-12', io: 'input' }),
};
