import { describe, expect, it } from 'vitest';
import { applying, decided, rec } from './recommendation-fixture.test-helper.ts';
import { mergeRecommendations, notOlder } from './recommendations.ts';

describe("the viewer's book of recommendations", () => {
  it('keeps one entry per id: a later copy replaces the earlier one', () => {
    const book = mergeRecommendations([rec({ id: 'a' }), rec({ id: 'b', createdAtS: 1 })], [applying({ id: 'a' })]);
    expect(book.map((r) => `${r.id}:${r.status}`)).toEqual(['a:applying', 'b:proposed']);
  });

  it('never goes back to an older copy (the POST answer and the channel race)', () => {
    const started = applying();
    const moreSent = { ...started, execution: { ...started.execution!, commandIds: ['CMD-1', 'CMD-2'] } };
    const approvedOnly = decided(rec(), 'approved', 'olga', null);
    expect(mergeRecommendations([moreSent], [approvedOnly, started])).toEqual([moreSent]);
    expect(notOlder(started, moreSent)).toBe(true);
    expect(notOlder(moreSent, started)).toBe(false);
    // The same copy again (a replayed message) is fine.
    expect(notOlder(started, started)).toBe(true);
  });

  it('lists newest first and bounds the decided ones, never dropping an open one', () => {
    const old = Array.from({ length: 5 }, (_, i) => rec({ id: `old-${i}`, status: 'rejected', createdAtS: 100 + i }));
    const open = rec({ id: 'open', createdAtS: 1 });
    const book = mergeRecommendations([], [...old, open], 3);
    expect(book.map((r) => r.id)).toEqual(['old-4', 'old-3', 'old-2', 'open']);
  });
});
