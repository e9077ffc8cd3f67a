import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's order (failed first, then longest by the last run's cache, else largest file), except
 * that the files named here start first: on a clean clone there is no cache, and the browser tests'
 * small file would otherwise start last and run alone at the end for ten minutes.
 */
const FIRST = ['test/e2e/browser.test.ts', 'test/cli.test.ts', 'test/rl-agent.test.ts'];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (s: TestSpecification) => {
      const i = FIRST.findIndex((f) => s.moduleId.endsWith(f));
      return i < 0 ? FIRST.length : i;
    };
    return sorted.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
  }
}
