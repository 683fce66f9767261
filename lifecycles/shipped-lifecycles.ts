import change from './change.json' with { type: 'json' };
import incident from './incident.json' with { type: 'json' };
import request from './request.json' with { type: 'json' };
import type { LifecycleDefinition } from './definition';
import { verifiedLifecycleOrFail } from './verify-lifecycle';

/**
 * The lifecycles guichet ships, verified: one that fails verification stops the process as it
 * starts. The demo seed publishes them as version 1. Tickets of type incident and request start
 * on the lifecycle of their type; `change` is there for tickets filed with `lifecycle: "change"`.
 */
export const SHIPPED_LIFECYCLES: LifecycleDefinition[] = [incident, request, change].map(verifiedLifecycleOrFail);
