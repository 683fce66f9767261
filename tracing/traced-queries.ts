import { SpanKind, trace, type Span } from '@opentelemetry/api';
import type { Sequelize } from 'sequelize';
import { tracer } from './spans';

// The table a statement is about; its values (a password's hash, a token) never go into a span.
const TABLE = /\b(?:FROM|INTO|UPDATE)\s+`?(\w+)`?/i;

/** Each MariaDB query made within a trace becomes a span of it, named by its kind and table. */
export function traceQueries(sequelize: Sequelize): void {
  const spans = new WeakMap<object, Span>();
  sequelize.addHook('beforeQuery', (options, query) => {
    if (!trace.getActiveSpan()) return;
    const kind = (options as { type?: string }).type ?? 'RAW';
    spans.set(query, tracer.startSpan(`mariadb ${kind}`, { kind: SpanKind.CLIENT, attributes: { 'db.system': 'mariadb' } }));
  });
  sequelize.addHook('afterQuery', (_options, query) => {
    const span = spans.get(query);
    if (!span) return;
    const table = TABLE.exec((query as { sql?: string }).sql ?? '')?.[1];
    if (table) span.setAttribute('db.collection.name', table);
    span.end();
  });
}
