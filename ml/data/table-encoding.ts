/**
 * Turning CSV rows into feature vectors: numeric columns as they are (a missing value filled with the
 * training mean), categorical columns one-hot over the categories seen in training (an unseen or
 * missing category encodes as all zeros), and a binary label.
 */
import { DataError } from './data-error.ts';
import type { Csv } from './csv.ts';

/** Which columns play which role (the `--label --id --drop --time --group` flags). */
export interface TableRoles {
  readonly label: string;
  readonly id?: readonly string[];
  readonly drop?: readonly string[];
  readonly time?: string;
  readonly group?: string;
}

/** Everything fitted on the training rows; plain data, saved in preprocess.json. */
export interface TableEncoding {
  readonly roles: TableRoles;
  readonly numeric: readonly { column: string; fill: number }[];
  readonly categorical: readonly { column: string; categories: readonly string[] }[];
  readonly featureNames: readonly string[];
}

const TRUE = new Set(['1', 'true', 'yes']);
const FALSE = new Set(['0', 'false', 'no']);

/** Column index by name; a missing column is an error naming the flag that asked for it. */
export function columnIndex(csv: Csv, name: string, role: string): number {
  const k = csv.header.indexOf(name);
  if (k < 0) throw new DataError(`no ${role} column "${name}" (columns: ${csv.header.join(', ')})`, csv.file, 1);
  return k;
}

/** The 0/1 label of every row: 0/1, true/false or yes/no (any case); anything else names row and value. */
export function parseLabels(csv: Csv, label: string): Uint8Array {
  const k = columnIndex(csv, label, 'label');
  return Uint8Array.from(csv.rows, (r, i) => {
    const v = r[k]!.trim().toLowerCase();
    if (TRUE.has(v)) return 1;
    if (FALSE.has(v)) return 0;
    throw new DataError(`row ${i + 1}: label "${r[k]}" in column "${label}" is not binary (use 0/1, true/false or yes/no)`, csv.file, csv.lines[i]);
  });
}

/** Feature columns: every column not named as label, id, drop, time or group. */
export function featureColumns(csv: Csv, roles: TableRoles): string[] {
  const named: [string, string][] = [
    [roles.label, 'label'],
    ...(roles.id ?? []).map((c): [string, string] => [c, 'id']),
    ...(roles.drop ?? []).map((c): [string, string] => [c, 'drop']),
    ...(roles.time ? [[roles.time, 'time'] as [string, string]] : []),
    ...(roles.group ? [[roles.group, 'group'] as [string, string]] : []),
  ];
  for (const [column, role] of named) columnIndex(csv, column, role);
  const taken = new Set(named.map(([c]) => c));
  return csv.header.filter((h) => !taken.has(h));
}

const isNumber = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));

/** Fits the encoding on `trainRows`: a column is numeric when all its non-empty values are numbers. */
export function fitTableEncoding(csv: Csv, roles: TableRoles, trainRows: readonly number[]): TableEncoding {
  const numeric: { column: string; fill: number }[] = [];
  const categorical: { column: string; categories: string[] }[] = [];
  for (const column of featureColumns(csv, roles)) {
    const k = csv.header.indexOf(column);
    if (csv.rows.every((r) => r[k]!.trim() === '' || isNumber(r[k]!))) {
      const vals = trainRows.map((i) => csv.rows[i]![k]!).filter(isNumber).map(Number);
      numeric.push({ column, fill: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : 0 });
    } else {
      const cats = [...new Set(trainRows.map((i) => csv.rows[i]![k]!.trim()).filter((v) => v !== ''))].sort();
      categorical.push({ column, categories: cats });
    }
  }
  const featureNames = [...numeric.map((n) => n.column), ...categorical.flatMap((c) => c.categories.map((v) => `${c.column}=${v}`))];
  return { roles, numeric, categorical, featureNames };
}

/** Feature matrix (rows × featureNames) of every row under a fitted encoding. */
export function encodeFeatures(csv: Csv, enc: TableEncoding): Float32Array {
  const f = enc.featureNames.length;
  const x = new Float32Array(csv.rows.length * f);
  const numIdx = enc.numeric.map((n) => columnIndex(csv, n.column, 'feature'));
  const catIdx = enc.categorical.map((c) => columnIndex(csv, c.column, 'feature'));
  csv.rows.forEach((r, i) => {
    let j = 0;
    enc.numeric.forEach((n, q) => {
      const raw = r[numIdx[q]!]!;
      if (raw.trim() !== '' && !isNumber(raw)) {
        throw new DataError(`row ${i + 1}: "${raw}" in numeric column "${n.column}" is not a number`, csv.file, csv.lines[i], numIdx[q]! + 1);
      }
      x[i * f + j++] = raw.trim() === '' ? n.fill : Number(raw);
    });
    enc.categorical.forEach((c, q) => {
      const hot = c.categories.indexOf(r[catIdx[q]!]!.trim());
      if (hot >= 0) x[i * f + j + hot] = 1;
      j += c.categories.length;
    });
  });
  return x;
}
