// What the definition's JSON Schema (as the API publishes it) says is allowed at a path, for the
// editor's hints and the forms' choices. Unions (anyOf, oneOf) are read as any of their branches.

function referenced(root, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return null;
  return ref
    .slice(2)
    .split('/')
    .reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}

/** The plain schemas `node` stands for: references followed, unions spread out. */
function branchesOf(root, node, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 10) return [];
  if (node.$ref) return branchesOf(root, referenced(root, node.$ref), depth + 1);
  const union = node.anyOf ?? node.oneOf;
  if (Array.isArray(union)) return union.flatMap((branch) => branchesOf(root, branch, depth + 1));
  return [node];
}

function childrenOf(root, node, key) {
  if (typeof key === 'number') return branchesOf(root, node.items);
  if (node.properties && Object.hasOwn(node.properties, key)) return branchesOf(root, node.properties[key]);
  return typeof node.additionalProperties === 'object' ? branchesOf(root, node.additionalProperties) : [];
}

/** The schemas that may describe the value at `segments` (none when the schema says nothing there). */
export function schemasAt(schema, segments) {
  let nodes = branchesOf(schema, schema);
  for (const key of segments) nodes = nodes.flatMap((node) => childrenOf(schema, node, key));
  return nodes;
}

const unique = (values) => [...new Set(values)];

/** What the schema allows at a place: the keys of an object (and which are required), the values of an enum or of constants, the pattern of names. */
export function allowedAt(schema, segments) {
  const nodes = schemasAt(schema, segments);
  if (nodes.length === 0) return null;
  // A union's branches may each fix one value (`const`), as the entry effects' names are.
  const valuesOf = (node) => [...(node.enum ?? []), ...(node.const !== undefined ? [node.const] : [])];
  const itemEnums = nodes.flatMap((node) => branchesOf(schema, node.items)).flatMap(valuesOf);
  return {
    keys: unique(nodes.flatMap((node) => Object.keys(node.properties ?? {}))),
    // Required in every branch, so required whichever the value takes.
    required: (nodes[0].required ?? []).filter((key) => nodes.every((node) => (node.required ?? []).includes(key))),
    values: unique([...nodes.flatMap(valuesOf), ...itemEnums]),
    names: nodes.map((node) => node.propertyNames?.pattern).find(Boolean) ?? null,
  };
}
