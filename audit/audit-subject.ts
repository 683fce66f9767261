const singular = (name: string): string => name.replace(/ies$/, 'y').replace(/s$/, '').replace(/-/g, '_');

/**
 * What a request was about, for the audit log: the resource its path names, or the one it created.
 * @example subjectOf('/api/v1/tickets/:id/actions/:action', { id: '42', action: 'assign' }, {}) // 'ticket:42'
 * @example subjectOf('/api/v1/tickets', {}, { id: 7 }) // 'ticket:7'
 */
export function subjectOf(path: string, params: Record<string, unknown>, result: unknown): string | null {
  const named = /\/([a-z-]+)\/:(\w+)/.exec(path);
  if (named) return `${singular(named[1]!)}:${String(params[named[2]!])}`;
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? `${singular(path.split('/').at(-1)!)}:${id}` : null;
}
