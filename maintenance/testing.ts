/** Small schedule inputs for tests: a few machines, teams and shifts, costs of a plausible order. */
import type { ScheduleInput, UnitHealth } from './schedule-input.ts';

export const unit = (id: string, p: Partial<UnitHealth> = {}): UnitHealth => ({
  id,
  line: null,
  risk: 0.3,
  riskHorizonH: 168,
  rulH: 500,
  rulSdH: 100,
  rulAtLeast: false,
  job: { failureMode: 'bearing_wear', hours: 4, skill: 'mechanical', lifeH: 8000 },
  ...p,
});

export const input = (p: Partial<ScheduleInput> = {}): ScheduleInput => ({
  units: [unit('pump_001')],
  teams: [{ id: 'A', skills: ['mechanical', 'electrical'] }],
  horizonDays: 1,
  calendar: { shiftsPerDay: 3, teamHoursPerShift: 8 },
  windows: {},
  precedences: [],
  costs: { failure: 50_000, downtimePerH: 500, job: 2_000 },
  rulThresholdH: 24,
  riskThreshold: 0.7,
  ...p,
});
