/**
 * A path into a JSON document as the API writes a finding's path.
 *
 * @example
 *   jsonPath(['actions', 3, 'roles']); // '$.actions[3].roles'
 */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}
