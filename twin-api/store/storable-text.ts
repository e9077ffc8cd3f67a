/**
 * The store's last line against text PostgreSQL refuses: NUL (text and jsonb cannot hold U+0000)
 * and lone UTF-16 surrogates (jsonb refuses their escapes; in text the driver would turn them into
 * U+FFFD). Such a value would make the whole row fail, and a retrying writer retry it forever; it is
 * stored instead with the character written out as the six visible characters `\u0000` / `\udXXX`,
 * so nothing vanishes and a reader sees where the odd character was. Protocol schemas reject most of
 * it earlier; this is for whatever gets through.
 */

const BAD_CHAR = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `s` with NUL and lone surrogates written out as `\u0000` / `\udXXX` text. */
export function storableText(s: string): string;
export function storableText(s: string | null): string | null;
export function storableText(s: string | null): string | null {
  return s === null ? null : s.replace(BAD_CHAR, visible);
}

// JSON.stringify escapes NUL as \u0000 and (being well-formed) a lone surrogate as \udXXX, and
// nothing else as such: an odd run of backslashes before the `u` marks a real escape.
const BAD_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON text of `value` for a jsonb column; undefined is stored as JSON null. */
export function storableJson(value: unknown): string {
  return JSON.stringify(value ?? null).replace(BAD_ESCAPE, '$1\\\\u$2');
}
