/** Which schema objects lie inside a subschema, following local "$ref"s: to attribute ajv errors to anyOf/oneOf branches. */

type Json = Readonly<Record<string, unknown>>;

/** Every schema object reachable from `schema`, including referenced definitions of `root`. */
export function subschemas(schema: unknown, root: Json): Set<object> {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') visit(resolveLocalRef(value, root));
      else visit(value);
    }
  };
  visit(schema);
  return seen;
}

/** "#/$defs/identifier" → the object at that JSON pointer in `root`. */
function resolveLocalRef(ref: string, root: Json): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Json)[key] : undefined;
  }
  return node;
}
