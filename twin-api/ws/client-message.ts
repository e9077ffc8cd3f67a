import { Compile } from 'typebox/compile';
import { Hello, Subscribe, Unsubscribe, type ClientMessage } from '../../protocol/ws.ts';
import { TWIN_ERR_WS_BAD_JSON, TWIN_ERR_WS_BAD_MESSAGE } from './errors.ts';

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly code: string; readonly message: string };

// One validator per `type`: checking the tagged union as a whole reports every branch's
// complaints ("must be hello", "must be subscribe", ...), which tells the client nothing.
const VALIDATORS = {
  hello: Compile(Hello),
  subscribe: Compile(Subscribe),
  unsubscribe: Compile(Unsubscribe),
} as const;
type Kind = keyof typeof VALIDATORS;
const KINDS = Object.keys(VALIDATORS) as Kind[];

/** Parses and validates one text frame from a client; never throws. */
export function parseClientMessage(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: TWIN_ERR_WS_BAD_JSON, message: `not JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('a client message must be a JSON object with a "type"');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(KINDS as string[]).includes(type)) {
    return bad(`unknown message type ${JSON.stringify(type)}; expected one of ${KINDS.join(', ')}`);
  }
  const validator = VALIDATORS[type as Kind];
  if (validator.Check(value)) return { ok: true, message: value as ClientMessage };
  return bad(`invalid ${type}: ${describeErrors(validator.Errors(value))}`);
}

function bad(message: string): ParseResult {
  return { ok: false, code: TWIN_ERR_WS_BAD_MESSAGE, message };
}

interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message: string;
  readonly params: unknown;
}

/** One phrase per offending location; a failed union of literals becomes "must be one of a, b". */
function describeErrors(errors: readonly SchemaError[]): string {
  const byPath = new Map<string, SchemaError[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const phrases: string[] = [];
  for (const [path, list] of byPath) {
    const where = path === '' ? 'message' : path;
    const allowed = list.flatMap((e) => (e.keyword === 'const' ? [String((e.params as { allowedValue?: unknown }).allowedValue)] : []));
    phrases.push(allowed.length > 1 ? `${where} must be one of ${allowed.join(', ')}` : `${where} ${list[0]!.message}`);
    if (phrases.length === 3) break;
  }
  return phrases.join('; ');
}
