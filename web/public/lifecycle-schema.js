// What the definition's JSON Schema (as the API publishes it) says: what is allowed at a path, for
// the editor's hints and the forms' choices, and whether a definition fits its shape, so the draft's
// diagram is asked for only when the server can draw it. Unions (anyOf, oneOf) are read as any of
// their branches.

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

/** What the schema allows at a place: the keys of an object (and which are required), the values of an enum, the pattern of names. */
export function allowedAt(schema, segments) {
  const nodes = schemasAt(schema, segments);
  if (nodes.length === 0) return null;
  const itemEnums = nodes.flatMap((node) => branchesOf(schema, node.items)).flatMap((item) => item.enum ?? []);
  return {
    keys: unique(nodes.flatMap((node) => Object.keys(node.properties ?? {}))),
    // Required in every branch, so required whichever the value takes.
    required: (nodes[0].required ?? []).filter((key) => nodes.every((node) => (node.required ?? []).includes(key))),
    values: unique([...nodes.flatMap((node) => node.enum ?? []), ...itemEnums]),
    names: nodes.map((node) => node.propertyNames?.pattern).find(Boolean) ?? null,
  };
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const TYPES = {
  object: isObject,
  array: Array.isArray,
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  number: (value) => typeof value === 'number',
  integer: Number.isInteger,
  null: (value) => value === null,
};

function fitsString(rule, value) {
  if (value.length < (rule.minLength ?? 0) || value.length > (rule.maxLength ?? Infinity)) return false;
  return !rule.pattern || new RegExp(rule.pattern, 'u').test(value);
}

const fitsNumber = (rule, value) => value >= (rule.minimum ?? -Infinity) && value <= (rule.maximum ?? Infinity);

function fitsObject(schema, rule, value) {
  if (!(rule.required ?? []).every((key) => Object.hasOwn(value, key))) return false;
  return Object.entries(value).every(([key, item]) => {
    if (rule.propertyNames && !fitsSchema(schema, key, rule.propertyNames)) return false;
    if (rule.properties && Object.hasOwn(rule.properties, key)) return fitsSchema(schema, item, rule.properties[key]);
    if (rule.additionalProperties === false) return false;
    return typeof rule.additionalProperties !== 'object' || fitsSchema(schema, item, rule.additionalProperties);
  });
}

function fitsPlain(schema, rule, value) {
  if (rule.enum && !rule.enum.includes(value)) return false;
  if ('const' in rule && rule.const !== value) return false;
  if (rule.type && !TYPES[rule.type]?.(value)) return false;
  if (Array.isArray(rule.allOf) && !rule.allOf.every((part) => fitsSchema(schema, value, part))) return false;
  if (typeof value === 'string') return fitsString(rule, value);
  if (typeof value === 'number') return fitsNumber(rule, value);
  if (Array.isArray(value)) {
    if (value.length < (rule.minItems ?? 0) || value.length > (rule.maxItems ?? Infinity)) return false;
    return !rule.items || value.every((item) => fitsSchema(schema, item, rule.items));
  }
  return !isObject(value) || fitsObject(schema, rule, value);
}

/**
 * Whether `value` fits the JSON Schema's shape: types, enums, unions, required and declared keys,
 * bounds and patterns. Enough to know a definition can be drawn before asking the server to draw it.
 */
export function fitsSchema(schema, value, node = schema) {
  const branches = branchesOf(schema, node);
  return branches.length === 0 || branches.some((rule) => fitsPlain(schema, rule, value));
}
