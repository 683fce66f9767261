import { ValidationError } from './errors';

/** A node of a tree stored as rows with a parent reference. */
export interface TreeNode {
  id: number;
  parent_id: number | null;
}

/**
 * `id` and every node below it, for filters that include children.
 * @example descendantIds([{ id: 1, parent_id: null }, { id: 2, parent_id: 1 }], 1) // [1, 2]
 */
export function descendantIds(nodes: readonly TreeNode[], id: number): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parent_id !== null) children.set(node.parent_id, [...(children.get(node.parent_id) ?? []), node.id]);
  }
  const found: number[] = [];
  const pending = [id];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (found.includes(next)) continue;
    found.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return found;
}

/**
 * The chain from the root down to `id` (inclusive); empty when `id` is unknown.
 * @example ancestry([{ id: 1, parent_id: null }, { id: 2, parent_id: 1 }], 2).map((n) => n.id) // [1, 2]
 */
export function ancestry<T extends TreeNode>(nodes: readonly T[], id: number): T[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const chain: T[] = [];
  for (let node = byId.get(id); node && !chain.includes(node); node = node.parent_id === null ? undefined : byId.get(node.parent_id)) {
    chain.unshift(node);
  }
  return chain;
}

/** `id` and every node below it; a ValidationError naming `field` when no node is `id`. */
export function subtreeIdsOrFail(nodes: readonly TreeNode[], id: number, field: string, what: string): number[] {
  if (!nodes.some((node) => node.id === id)) throw new ValidationError({ [field]: `${what} ${id} does not exist` });
  return descendantIds(nodes, id);
}
