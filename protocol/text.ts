/** Free text from a client: what a request may carry in a string field. */
import { Type, type TStringOptions } from 'typebox';

/**
 * No C0 control character except tab, line feed and carriage return, no DEL, no unpaired UTF-16
 * surrogate. PostgreSQL cannot store NUL in text and a lone surrogate is not valid UTF-8, so such
 * a string would fail (or be mangled) only after the request was accepted. Evaluated with the `u`
 * flag (Ajv, TypeBox): there a surrogate range matches only unpaired halves, so emoji pass.
 */
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]*$';

/** A request string field: bounded, and free of control characters and unpaired surrogates. */
export function Text(options: Omit<TStringOptions, 'pattern' | 'format'> & { maxLength: number }) {
  return Type.String({ ...options, pattern: TEXT_PATTERN });
}

/** How a validation error names a Text field's pattern failure. */
export const TEXT_PATTERN_MESSAGE = 'must not contain control characters (other than tab and line breaks) or unpaired surrogates';
