/**
 * A CSV table with a binary failure label as a WindowSet (steps = 1), split without leakage (by
 * group, by time, or stratified on the label) with the encoding fitted on the training rows only.
 */
import type { Rng } from '../../physics/model.ts';
import type { Split, WindowSet } from '../window-set.ts';
import { parseCsv, type Csv } from './csv.ts';
import { DataError } from './data-error.ts';
import { seededRng } from './rng.ts';
import { splitByGroup, splitByTime, splitStratified, type SplitFractions } from './splits.ts';
import { columnIndex, encodeFeatures, fitTableEncoding, parseLabels, type TableEncoding, type TableRoles } from './table-encoding.ts';
import { emptyWindows, selectWindows } from './window-ops.ts';

/** Time of each row from the time column: a number, or an ISO date (epoch ms). */
function rowTimes(csv: Csv, column: string | undefined): Float64Array {
  if (!column) return Float64Array.from(csv.rows, (_, i) => i);
  const k = columnIndex(csv, column, 'time');
  return Float64Array.from(csv.rows, (r, i) => {
    const v = r[k]!.trim();
    const t = v !== '' && Number.isFinite(Number(v)) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(t)) throw new DataError(`row ${i + 1}: "${v}" in time column "${column}" is not a number or a date`, csv.file, csv.lines[i], k + 1);
    return t;
  });
}

/** Group of each row: rows with the same value of the group column share an id (0 when no column). */
function rowGroups(csv: Csv, column: string | undefined): Int32Array {
  if (!column) return new Int32Array(csv.rows.length);
  const k = columnIndex(csv, column, 'group');
  const ids = new Map<string, number>();
  return Int32Array.from(csv.rows, (r) => {
    const v = r[k]!;
    if (!ids.has(v)) ids.set(v, ids.size);
    return ids.get(v)!;
  });
}

/** Every row as a one-step window under `enc`; with `labelled` false the label may be absent (prediction). */
export function tableWindows(csv: Csv, enc: TableEncoding, labelled = true): WindowSet {
  const labels = labelled ? parseLabels(csv, enc.roles.label) : undefined;
  const ws = emptyWindows(csv.rows.length, 1, enc.featureNames, [enc.roles.label]);
  ws.x.set(encodeFeatures(csv, enc));
  if (labels) ws.y.set(labels);
  // New data to score may lack the split columns; they only order and group rows.
  const present = (c: string | undefined) => (c !== undefined && csv.header.includes(c) ? c : undefined);
  ws.group.set(rowGroups(csv, present(enc.roles.group)));
  ws.time.set(rowTimes(csv, present(enc.roles.time)));
  return ws;
}

/** A table dataset: the split, the fitted encoding and the parsed file. */
export interface TableDataset {
  readonly split: Split;
  readonly encoding: TableEncoding;
  readonly csv: Csv;
}

/**
 * Reads a CSV and splits it: by time when a time column is given, else by group when a group column
 * is given, else stratified on the label. Categories and fill values are fitted on the train rows.
 */
export function loadTable(text: string, file: string, roles: TableRoles, fractions: SplitFractions = { validation: 0.15, test: 0.2 }, rng: Rng = seededRng(0, 'table-split')): TableDataset {
  const csv = parseCsv(text, file);
  const labels = parseLabels(csv, roles.label);
  // Split row indices first (a one-feature set whose x is the row number), then fit on the train rows.
  const rows = emptyWindows(csv.rows.length, 1, ['row'], [roles.label]);
  rows.x.set(Float32Array.from(csv.rows, (_, i) => i));
  rows.y.set(labels);
  rows.group.set(rowGroups(csv, roles.group));
  rows.time.set(rowTimes(csv, roles.time));
  const byRow = roles.time ? splitByTime(rows, fractions) : roles.group ? splitByGroup(rows, fractions, rng) : splitStratified(rows, fractions, rng);
  const idx = (p: WindowSet) => Array.from(p.x);
  const encoding = fitTableEncoding(csv, roles, idx(byRow.train));
  const all = tableWindows(csv, encoding);
  const split = { train: selectWindows(all, idx(byRow.train)), validation: selectWindows(all, idx(byRow.validation)), test: selectWindows(all, idx(byRow.test)) };
  return { split, encoding, csv };
}
