import { afterEach, beforeEach, vi } from 'vitest';

/** Captures console.log and console.error lines for each test of the calling file (fresh per test). */
export function captureConsole(): { readonly out: string[]; readonly err: string[] } {
  const lines = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    lines.out.length = 0;
    lines.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  return lines;
}
