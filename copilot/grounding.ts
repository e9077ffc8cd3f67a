/**
 * The copilot's first rule, checked on every answer: each number it states appears in what its
 * tools returned. A number is grounded when a result holds it as written (a time, an id's count),
 * or holds a value that rounds to it at the answer's precision, as a fraction shown in percent too.
 * Digits inside words (pump_003, Line_A2) are names, not numbers.
 */

/** Standalone numbers of a text, with how many decimals they were written with. */
export function numbersIn(text: string): { value: number; decimals: number; raw: string }[] {
  const out: { value: number; decimals: number; raw: string }[] = [];
  for (const m of text.matchAll(/(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?![\w])/g)) {
    const raw = m[0].replace('−', '-');
    // "1,234" is a thousands separator when groups of three follow; "2.5" a decimal.
    const norm = /^-?\d{1,3}(,\d{3})+$/.test(raw) ? raw.replace(/,/g, '') : raw.replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(norm)) continue;
    out.push({ value: Number(norm), decimals: norm.includes('.') ? norm.split('.')[1]!.length : 0, raw });
  }
  return out;
}

/** Every number a value holds: numeric leaves, and the numbers written inside its strings. */
export function numbersOf(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) into.push(value);
  } else if (typeof value === 'string') {
    for (const n of numbersIn(value)) into.push(n.value);
  } else if (Array.isArray(value)) {
    for (const v of value) numbersOf(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) numbersOf(v, into);
  }
  return into;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Dates and clock times ("2024-03-14 00:02", "10:00Z"): one token each, grounded when a result holds it as written. */
const DATE_TIME = /(?<![\w.:-])(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?|\d{1,2}:\d{2}(?::\d{2})?)(?![\w.:-]*\d)/g;

/** The numbers of `answer` that no result holds (empty: grounded). */
export function ungroundedNumbers(answer: string, results: readonly unknown[]): string[] {
  const text = JSON.stringify(results) ?? '';
  const dateTimes: string[] = [];
  const rest = answer.replace(DATE_TIME, (m) => {
    if (!text.includes(m.replace(' ', 'T'))) dateTimes.push(m);
    return ' ';
  });
  return [...dateTimes, ...ungroundedPlain(rest, results)];
}

function ungroundedPlain(answer: string, results: readonly unknown[]): string[] {
  const known = numbersOf(results);
  const grounded = (n: { value: number; decimals: number }) =>
    known.some((k) => {
      for (const v of [k, 100 * k, Math.abs(k), 100 * Math.abs(k)]) if (Math.abs(round(v, n.decimals) - Math.abs(n.value)) < 1e-9 || Math.abs(round(v, n.decimals) - n.value) < 1e-9) return true;
      return false;
    });
  return numbersIn(answer)
    .filter((n) => !grounded(n))
    .map((n) => n.raw);
}
