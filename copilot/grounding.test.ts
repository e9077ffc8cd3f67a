import { describe, expect, it } from 'vitest';
import { numbersIn, ungroundedNumbers } from './grounding.ts';

describe('the grounding check', () => {
  it('finds a number rounded from a result, and a fraction stated in percent', () => {
    expect(ungroundedNumbers('RUL 37.5 h, risk 82 %', [{ hours: 37.46, p: 0.8231 }])).toEqual([]);
  });

  it('names a number no result holds', () => {
    expect(ungroundedNumbers('risk 82 % and 3 jobs', [{ p: 0.82 }])).toEqual(['3']);
    expect(ungroundedNumbers('RUL 37.6 h', [{ hours: 37.46 }])).toEqual(['37.6']);
  });

  it('takes digits inside names for names, not numbers', () => {
    expect(numbersIn('pump_003 on Line_A2 at 4 bar')).toEqual([{ value: 4, decimals: 0, raw: '4' }]);
  });

  it('reads thousands separators and decimal commas', () => {
    expect(numbersIn('cost 52,000 and 2,5 h').map((n) => n.value)).toEqual([52000, 2.5]);
  });

  it('checks dates and clock times as written in a result', () => {
    const results = [{ from: '2024-03-14T00:02:11.000Z', to: '2024-03-14T00:11:00Z', note: 'onset at 10:00Z' }];
    expect(ungroundedNumbers('from 2024-03-14 00:02 to 2024-03-14 00:11 UTC, onset 10:00Z', results)).toEqual([]);
    expect(ungroundedNumbers('from 2024-03-15 00:02', results)).toEqual(['2024-03-15 00:02']);
  });

  it('grounds numbers in the results\' texts (an error message, a manual excerpt)', () => {
    expect(ungroundedNumbers('above 7.1 mm/s stop the pump', ['Check alignment; above 7.1 mm/s stop the pump.'])).toEqual([]);
  });
});
