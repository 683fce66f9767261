import incident from './incident.json' with { type: 'json' };
import request from './request.json' with { type: 'json' };
import { LifecycleDefinition } from './definition';

/** The lifecycles guichet ships, validated; the demo seed publishes them as version 1. */
export const SHIPPED_LIFECYCLES: LifecycleDefinition[] = [incident, request].map((json) => LifecycleDefinition.parse(json));
