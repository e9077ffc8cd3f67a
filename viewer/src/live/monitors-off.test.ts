import { describe, expect, it } from 'vitest';
import { monitorsOff } from './monitors-off.ts';

describe('monitorsOff: which monitors the status display warns about', () => {
  it('says nothing when every monitor watches, or the server reports none', () => {
    expect(monitorsOff({ monitors: { drift: { state: 'watching', models: ['line/defects'] }, shadow: { state: 'watching' } } })).toEqual([]);
    expect(monitorsOff({})).toEqual([]);
  });

  it('names each monitor that is off, with the server\'s reason', () => {
    const off = monitorsOff({ monitors: { drift: { state: 'off', models: [], reason: 'no model in service yet' }, shadow: { state: 'off', reason: 'live source not connected' } } });
    expect(off).toEqual(['drift monitor off: no model in service yet', 'shadow mode off: live source not connected']);
  });
});
