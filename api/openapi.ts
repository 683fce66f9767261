import { z } from 'zod';
import { ACTION_PAYLOADS } from '../tickets/ticket.schemas';
import type { Route } from './route';
import { RIGHTS } from '../users/profiles';
import { IDEMPOTENCY_HEADER } from './idempotent-writes';

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

const AcceptedBody = z.object({ accepted: z.literal(true), message: z.string(), location: z.string() });

// A tuple whose items share one schema (a working range's two clocks) is written as an array of that
// schema with its length: it holds the same values, and OpenAPI tools that still read `items` as
// draft 4 did (schemathesis 4 in response schemas) can read it.
function sameItemsAsArray({ jsonSchema }: { jsonSchema: Record<string, unknown> }): void {
  const { prefixItems } = jsonSchema;
  if (!Array.isArray(prefixItems) || prefixItems.length === 0 || jsonSchema['items'] !== false) return;
  if (new Set(prefixItems.map((item) => JSON.stringify(item))).size !== 1) return;
  delete jsonSchema['prefixItems'];
  jsonSchema['items'] = prefixItems[0];
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', override: sameItemsAsArray });
const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parametersOf(route: Route) {
  const parameters: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const properties = (jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] }) ?? {};
    for (const [name, property] of Object.entries(properties.properties ?? {})) {
      parameters.push({ name, in: where, required: where === 'path' || (properties.required ?? []).includes(name), schema: property });
    }
  }
  for (const header of route.headers ?? []) parameters.push({ name: header, in: 'header', required: false, schema: { type: 'string' } });
  if (route.method !== 'get' && route.allow !== 'anonymous') {
    parameters.push({
      name: IDEMPOTENCY_HEADER,
      in: 'header',
      required: false,
      description: 'Sent again with the same request, gets the first outcome instead of acting twice (kept 24 h)',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    });
  }
  return parameters;
}

// A route that takes a file takes it in a multipart form, beside its other fields.
function requestBodyOf(route: Route, body?: z.ZodType) {
  if (route.uploadField) {
    const fields = body ? (jsonSchema(body, 'input') as { properties?: object; required?: string[] }) : {};
    const schema = {
      type: 'object',
      properties: { ...fields.properties, [route.uploadField]: { type: 'string', format: 'binary' } },
      required: [...(fields.required ?? []), route.uploadField],
    };
    return { requestBody: { required: true, content: { 'multipart/form-data': { schema } } } };
  }
  return body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } } } : {};
}

function operationOf(route: Route, body?: z.ZodType) {
  const errors = Object.fromEntries(
    ['400', '401', '403', '404', '409', '412', '413', '415'].map((code) => [
      code,
      { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } },
    ]),
  );
  return {
    summary: route.summary,
    tags: [route.tag],
    security: route.allow === 'anonymous' ? [] : [{ bearer: [] }],
    ...(route.allow !== 'anonymous' && { 'x-profiles': RIGHTS[route.allow] }),
    parameters: parametersOf(route),
    ...requestBodyOf(route, body),
    responses: {
      [String(route.status ?? 200)]: {
        description: 'OK',
        ...(route.etag
          ? { headers: { ETag: { description: 'The version of the resource, for If-Match', schema: { type: 'string' } } } }
          : {}),
        content: {
          [route.produces ?? 'application/json']: {
            schema:
              route.produces === 'application/octet-stream' ? { type: 'string', format: 'binary' } : jsonSchema(route.response, 'output'),
          },
        },
      },
      ...(route.mayAccept && {
        '202': {
          description: 'Accepted: recorded shortly; the same Idempotency-Key then gets the outcome',
          headers: { Location: { description: 'The ticket', schema: { type: 'string' } } },
          content: { 'application/json': { schema: jsonSchema(AcceptedBody, 'output') } },
        },
      }),
      ...errors,
    },
  };
}

/** The OpenAPI 3.1 document, generated from the route table's schemas; actions get a path each. */
export function openapiDocument(routes: Route[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    if (route.path.includes(':action')) {
      for (const [action, payload] of Object.entries(ACTION_PAYLOADS)) {
        const concrete = { ...route, params: route.params && z.object({ id: z.coerce.number().int().positive() }) };
        paths[openapiPath(route.path.replace(':action', action))] = { [route.method]: operationOf(concrete, payload) };
      }
      continue;
    }
    (paths[openapiPath(route.path)] ??= {})[route.method] = operationOf(route, route.body);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'guichet', version: '1.0.0', description: 'IT service desk: tickets whose lifecycles are durable workflows' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
