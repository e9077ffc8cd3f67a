/**
 * A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes (a quote inside
 * is doubled, commas and newlines allowed inside), CRLF or LF, a BOM ignored. Every record keeps the
 * line it starts on, for error messages.
 */
import { DataError } from './data-error.ts';

/** Header and records of one CSV file. */
export interface Csv {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line where each row starts. */
  readonly lines: readonly number[];
}

/** Parses CSV text; every record must have as many fields as the header. */
export function parseCsv(text: string, file: string): Csv {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: startLine }); // skip blank lines
    fields = [];
    field = '';
    startLine = line;
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new DataError(`a quoted field that starts here is never closed`, file, startLine);
  if (field !== '' || fields.length > 0) endRecord();
  const head = records.shift();
  if (!head) throw new DataError('empty file (no header row)', file);
  const header = head.fields.map((h) => h.trim());
  const dup = header.find((h, k) => header.indexOf(h) !== k);
  if (dup !== undefined) throw new DataError(`column "${dup}" appears twice in the header`, file, head.line);
  for (const r of records) {
    if (r.fields.length !== header.length) throw new DataError(`expected ${header.length} columns as in the header, found ${r.fields.length}`, file, r.line);
  }
  return { file, header, rows: records.map((r) => r.fields), lines: records.map((r) => r.line) };
}
