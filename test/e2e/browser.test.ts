/**
 * The browser tests, one after another in one file: each starts a twin server and Chromium, and on
 * a 2-core machine two of them at once would starve each other (and the twin at 120x falls behind).
 * As one file they run in series whatever the test-worker count. Run one alone with `npx vitest run test/e2e -t <name>`.
 */
import './viewer.e2e.ts';
import './knowledge.e2e.ts';
import './recommendations.e2e.ts';
import './api-key.e2e.ts';
