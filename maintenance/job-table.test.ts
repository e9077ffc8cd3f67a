import { describe, expect, it } from 'vitest';
import { builtinProfiles } from '../physics/machines/profile.ts';
import { DEFAULT_JOBS, jobFor } from './job-table.ts';

describe('the job that restores a machine', () => {
  it('is that of its likeliest failure mode (shortest Weibull scale), with that mode’s life', () => {
    const modes = [
      { name: 'bearing_wear', onset: { weibullShape: 1.4, weibullScaleH: 40000 } },
      { name: 'impeller_wear', onset: { weibullShape: 1.5, weibullScaleH: 20000 } },
    ];
    expect(jobFor(modes)).toEqual({ failureMode: 'impeller_wear', hours: 6, skill: 'mechanical', lifeH: 20000 });
    expect(jobFor(modes, { impeller_wear: { hours: 9 } })).toMatchObject({ hours: 9, skill: 'mechanical' });
    expect(jobFor([])).toBeNull();
  });

  it('has a planned job for every failure mode of the built-in profiles', () => {
    for (const p of builtinProfiles().values()) for (const m of p.document.failureModes) expect(DEFAULT_JOBS[m.name], `${p.document.type ?? ''} ${m.name}`).toBeDefined();
  });
});
