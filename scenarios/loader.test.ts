import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTURBANCES } from './defaults.ts';
import { parseScenario, ScenarioError, validateScenario } from './loader.ts';
import { REFERENCE_LINES, REFERENCE_MACHINES } from './reference-plant.ts';

const BASE = `name: demo
duration: 24h
start: 2024-03-14T00:00:00Z
plant: reference
`;

function load(yaml: string) {
  return parseScenario(yaml, 'demo.yaml');
}

describe('parseScenario, valid files', () => {
  it('fills every default of a minimal file', () => {
    const s = parseScenario('name: demo\nduration: 1h\nplant: reference\n', 'demo.yaml');
    expect(s).toEqual({
      name: 'demo',
      title: 'demo',
      description: '',
      seed: 0,
      start: '2024-01-01T00:00:00Z',
      durationS: 3600,
      stepS: 1,
      lines: REFERENCE_LINES,
      machines: REFERENCE_MACHINES,
      disturbances: DEFAULT_DISTURBANCES,
      faults: [],
      actions: [],
      groundTruth: null,
    });
  });

  it('reads the same scenario from JSON as from YAML', () => {
    const json = '{ "name": "demo", "duration": "24h", "start": "2024-03-14T00:00:00Z", "plant": "reference" }';
    expect(parseScenario(json, 'demo.json')).toEqual(load(BASE));
    expect(parseScenario(json, 'no-extension')).toEqual(load(BASE));
  });

  it('accepts an offset, seconds or an ISO timestamp for `at`, and normalizes the start to UTC', () => {
    const s = load(`name: demo
duration: 24h
start: 2024-03-14T01:00:00+01:00
plant: reference
actions:
  - { at: 1h, maintenance: pump_001 }
  - { at: 3600, maintenance: pump_002 }
  - { at: 2024-03-14T01:00:00Z, maintenance: pump_003 }
  - { at: 24h, maintenance: pump_004 }
`);
    expect(s.start).toBe('2024-03-14T00:00:00Z');
    expect(s.actions.map((a) => a.atS)).toEqual([3600, 3600, 3600, 86_400]);
  });

  it('sorts faults and actions by time, keeping file order for equal times', () => {
    const s = load(`${BASE}faults:
  - { at: 5h, target: pump_001, type: impeller_wear }
  - { at: 1h, target: pump_002, type: impeller_wear }
  - { at: 1h, target: pump_003, type: impeller_wear }
actions:
  - { at: 2h, maintenance: pump_001 }
  - { at: 30m, setpoint: Line_A.belt_speed, value: 120 }
`);
    expect(s.faults.map((f) => [f.atS, f.target])).toEqual([
      [3600, 'pump_002'],
      [3600, 'pump_003'],
      [18_000, 'pump_001'],
    ]);
    expect(s.actions).toEqual([
      { atS: 1800, kind: 'setpoint', setpoint: 'Line_A.belt_speed', value: 120 },
      { atS: 7200, kind: 'maintenance', target: 'pump_001' },
    ]);
  });

  it('fills fault parameter defaults and passes given ones as written', () => {
    const s = load(`${BASE}faults:
  - { at: 1h, target: Line_A, type: burner_drift, params: { ratePerH: 30 } }
  - { at: 1h, target: Line_B, type: mold_heater_failure }
  - { at: 1h, target: Line_A.furnace.zone1_temp, type: sensor_bias, params: { offset: -12.5 } }
  - { at: 1h, target: pump_003, type: bearing_wear, params: { rateMultiplier: 5 } }
`);
    expect(s.faults.map((f) => f.params)).toEqual([{ ratePerH: 30, maxC: 150 }, {}, { offset: -12.5 }, { rateMultiplier: 5 }]);
  });

  it("leaves a machine fault's rate multiplier to the profile when the file omits it", () => {
    // bearing_spall is the pump profile's alias for bearing_wear at its own (20×) rate.
    const s = load(`${BASE}faults: [{ at: 1h, target: pump_003, type: bearing_spall }]\n`);
    expect(s.faults[0]!.params).toEqual({});
  });

  it('expands a preset plant with overrides and added machines', () => {
    const s = load(`name: demo
duration: 1h
plant:
  preset: reference
  lines: [{ id: Line_C, zones: 12, initial: { furnace_temp: 1560 } }]
  machines: [{ id: pump_003, age_h: 19500 }]
  add_machines: [{ id: pump_006, profile: pump, initial: { load: 50 } }]
`);
    const lineC = s.lines.find((l) => l.id === 'Line_C')!;
    expect(lineC).toEqual({ ...REFERENCE_LINES[2], zones: 12, initial: { ...REFERENCE_LINES[2]!.initial, furnace_temp: 1560 } });
    expect(s.machines.find((m) => m.id === 'pump_003')!.ageH).toBe(19_500);
    expect(s.machines).toHaveLength(27);
    expect(s.machines[26]).toEqual({ id: 'pump_006', profile: 'pump', initial: { load: 50, speed: 100 }, ageH: 0 });
  });

  it("reads a line's physics multipliers into camelCase, leaving the others out (1)", () => {
    const explicit = load(`name: demo
duration: 1h
plant:
  lines: [{ id: L1, glass: float, physics: { furnace_heat_loss: 1.2, lehr_cooling_effectiveness: 0.9 } }]
`);
    expect(explicit.lines[0]!.physics).toEqual({ furnaceHeatLoss: 1.2, lehrCoolingEffectiveness: 0.9 });
    const preset = load(`name: demo
duration: 1h
plant: { preset: reference, lines: [{ id: Line_B, physics: { mould_heat_transfer: 0.8 } }] }
`);
    expect(preset.lines.find((l) => l.id === 'Line_B')!.physics).toEqual({ mouldHeatTransfer: 0.8 });
    expect(preset.lines.find((l) => l.id === 'Line_A')!.physics).toBeUndefined();
  });

  it('fills the defaults of an explicit plant', () => {
    const s = load(`name: demo
duration: 1h
plant:
  lines: [{ id: L1, glass: float }]
  machines: [{ id: m1, profile: fan, age_h: 10 }]
`);
    expect(s.lines).toEqual([
      { id: 'L1', glass: 'float', zones: 8, initial: { furnace_temp: 1500, belt_speed: 150, mold_temp: 450, forming_pressure: 40, lehr_cooling_rate: 4 } },
    ]);
    expect(s.machines).toEqual([{ id: 'm1', profile: 'fan', initial: { load: 75, speed: 100 }, ageH: 10 }]);
  });

  it('lets a machine with its own profile file use its own failure modes', () => {
    const s = load(`name: demo
duration: 1h
plant: { machines: [{ id: kiln_fan, profile: profiles/kiln-fan.json }] }
faults: [{ at: 0, target: kiln_fan, type: blade_crack, params: { k: 2 } }]
ground_truth: { summary: x, expected_failures: [kiln_fan:blade_crack] }
`);
    expect(s.faults[0]).toEqual({ atS: 0, target: 'kiln_fan', type: 'blade_crack', params: { k: 2 } });
  });

  it('keeps the ground truth', () => {
    const s = load(`${BASE}ground_truth:
  summary: It broke.
  causes: [bearing_spall on pump_003 → failure]
  expected_failures: [pump_003:bearing_wear]
`);
    expect(s.groundTruth).toEqual({
      summary: 'It broke.',
      causes: ['bearing_spall on pump_003 → failure'],
      expectedDefects: [],
      expectedFailures: ['pump_003:bearing_wear'],
    });
  });

  it('accepts YAML anchors and merge keys', () => {
    const s = load(`${BASE}faults:
  - &drift { at: 1h, target: Line_A, type: burner_drift, params: { ratePerH: 10, maxC: 50 } }
  - { <<: *drift, target: Line_B }
`);
    expect(s.faults.map((f) => f.target)).toEqual(['Line_A', 'Line_B']);
  });
});

describe('validateScenario', () => {
  it('checks data that is already parsed', () => {
    expect(validateScenario({ name: 'demo', duration: 60, plant: 'reference' }, 'request').durationS).toBe(60);
  });

  it('reports problems without line numbers', () => {
    const err = catchError(() => validateScenario({ name: 'demo', plant: 'reference' }, 'request'));
    expect(err.issues).toEqual([{ path: 'duration', message: 'is required' }]);
    expect(err.message).toBe('request: duration: is required');
  });
});

/** [path, message] of every issue, for a file written on top of BASE (or as given). */
function problems(text: string, source = 'bad.yaml'): [string, string][] {
  return catchError(() => parseScenario(text, source)).issues.map((i) => [i.path, i.message]);
}

function catchError(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

const FAULT_AT_25H = `${BASE}faults:
  - { at: 1h, target: Line_A, type: burner_drift }
  - { at: 2h, target: Line_A, type: burner_drift }
  - { at: 25h, target: Line_A, type: burner_drift }
`;

describe('parseScenario, bad files', () => {
  it.each<[string, string, [string, string][]]>([
    ['a missing field', 'name: demo\nplant: reference\n', [['duration', 'is required']]],
    ['a misspelt field', 'name: demo\nduraton: 1h\nduration: 1h\nplant: reference\n', [['duraton', 'is not a known field (did you mean "duration"?)']]],
    ['a negative seed', `${BASE}seed: -1\n`, [['seed', 'must not be negative (got -1)']]],
    ['a fractional seed', `${BASE}seed: 1.5\n`, [['seed', 'must be a whole number (got 1.5)']]],
    ['a seed beyond uint32', `${BASE}seed: 4294967296\n`, [['seed', 'must be at most 4294967295 (got 4294967296)']]],
    ['a seed as text', `${BASE}seed: "42"\n`, [['seed', 'must be a whole number (got "42")']]],
    [
      'a name with capitals and spaces',
      BASE.replace('name: demo', 'name: Furnace Overheat'),
      [['name', 'must be a kebab-case name like "pump-bearing-failure" (lowercase letters, digits, single hyphens)']],
    ],
    ['a duration in words', BASE.replace('24h', '24 hours'), [['duration', 'must be a duration like "24h", "1h30m", "90s", or a number of seconds']]],
    ['a duration of zero', BASE.replace('24h', '0s'), [['duration', 'must be greater than 0']]],
    ['a negative duration', BASE.replace('24h', '-5'), [['duration', 'must be greater than 0 (got -5)']]],
    ['a duration over 30 days', BASE.replace('24h', '31d'), [['duration', 'must be at most 30 days (720h; got 744h)']]],
    ['a step that does not divide 60 s', `${BASE}step: 7s\n`, [['step', 'must divide 60s evenly, like 0.5s, 1s, 5s, 10s, 30s or 60s (got 7s)']]],
    ['a step over 60 s', `${BASE}step: 2m\n`, [['step', 'must be at most 60s (got 2m)']]],
    ['a duration that is not a whole number of steps', BASE.replace('24h', '61s') + 'step: 2\n', [['duration', 'must be a whole number of steps (step is 2s)']]],
    [
      'a start without a time zone',
      BASE.replace('2024-03-14T00:00:00Z', '2024-03-14T00:00:00'),
      [['start', 'must be an ISO 8601 timestamp with a time zone, like "2024-03-14T06:00:00Z"']],
    ],
    ['a start on a day that does not exist', BASE.replace('2024-03-14', '2024-02-30'), [['start', 'is not a real date and time (got "2024-02-30T00:00:00Z")']]],
    [
      'an unknown plant preset',
      BASE.replace('plant: reference', 'plant: factory'),
      [['plant', 'must be "reference", or an object { lines, machines }, or { preset: reference, add_machines, lines, machines }']],
    ],
    ['a fault after the end', FAULT_AT_25H, [['faults[2].at', 'must be within the scenario duration (0..24h)']]],
    [
      'a fault timestamp outside the window',
      `${BASE}faults: [{ at: 2024-03-15T00:00:01Z, target: Line_A, type: burner_drift }]\n`,
      [['faults[0].at', 'must be within the scenario window (2024-03-14T00:00:00Z..2024-03-15T00:00:00Z)']],
    ],
    [
      'a fault at a clock time',
      `${BASE}faults: [{ at: "10:42", target: Line_A, type: burner_drift }]\n`,
      [['faults[0].at', 'must be a time: an offset from the start like "10h42m", a number of seconds, or an ISO 8601 timestamp like "2024-03-14T10:42:00Z"']],
    ],
    [
      'a fault at a negative time',
      `${BASE}faults: [{ at: -60, target: Line_A, type: burner_drift }]\n`,
      [['faults[0].at', 'must not be negative (got -60)']],
    ],
    [
      'a fault on a day that does not exist',
      `${BASE}faults: [{ at: 2024-03-14T25:00:00Z, target: Line_A, type: burner_drift }]\n`,
      [['faults[0].at', 'is not a real date and time (got "2024-03-14T25:00:00Z")']],
    ],
    [
      'a fault on an unknown asset',
      `${BASE}faults: [{ at: 1h, target: Line_D, type: burner_drift }]\n`,
      [['faults[0].target', 'no line or machine named "Line_D" (did you mean "Line_A"?)']],
    ],
    [
      'a misspelt line fault',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drfit }]\n`,
      [
        [
          'faults[0].type',
          'unknown line fault "burner_drfit" (did you mean "burner_drift"?); expected one of: burner_drift, pressure_oscillation, mold_heater_failure, lehr_fan_failure, belt_overspeed, batch_contamination',
        ],
      ],
    ],
    [
      'a line fault on a machine',
      `${BASE}faults: [{ at: 1h, target: pump_003, type: belt_overspeed }]\n`,
      [
        [
          'faults[0].type',
          'belt_overspeed is a line fault, but "pump_003" is a machine (pump faults: bearing_wear, impeller_wear, bearing_spall)',
        ],
      ],
    ],
    [
      "a fault the machine's profile lacks",
      `${BASE}faults: [{ at: 1h, target: pump_003, type: valve_wear }]\n`,
      [['faults[0].type', 'unknown pump fault "valve_wear"; expected one of: bearing_wear, impeller_wear, bearing_spall']],
    ],
    [
      'a fault that would slow wear',
      `${BASE}faults: [{ at: 1h, target: pump_003, type: bearing_wear, params: { rateMultiplier: 0.5 } }]\n`,
      [['faults[0].params.rateMultiplier', 'must be between 1 and 1000 × (got 0.5)']],
    ],
    [
      'a sensor fault on an asset',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: sensor_stuck }]\n`,
      [['faults[0].type', 'sensor_stuck is a sensor fault: its target must be a sensor id like "Line_A.<sensor>", not the line "Line_A"']],
    ],
    [
      'a sensor of an unknown asset',
      `${BASE}faults: [{ at: 1h, target: Line_X.furnace.zone1_temp, type: sensor_stuck }]\n`,
      [['faults[0].target', 'sensor "Line_X.furnace.zone1_temp" belongs to no known asset: no line or machine named "Line_X" (did you mean "Line_A"?)']],
    ],
    [
      'an unknown fault parameter',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drift, params: { rate: 5 } }]\n`,
      [['faults[0].params.rate', 'is not a parameter of burner_drift (it takes ratePerH, maxC)']],
    ],
    [
      'a misspelt fault parameter',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drift, params: { ratePerh: 5 } }]\n`,
      [['faults[0].params.ratePerh', 'is not a parameter of burner_drift (did you mean "ratePerH"?)']],
    ],
    [
      'a fault parameter out of range',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drift, params: { ratePerH: 900 } }]\n`,
      [['faults[0].params.ratePerH', 'must be between -200 and 200 °C/h (got 900)']],
    ],
    [
      'a zero drift',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drift, params: { ratePerH: 0 } }]\n`,
      [['faults[0].params.ratePerH', 'must not be 0 (a burner_drift of 0 is no fault)']],
    ],
    [
      'a missing required fault parameter',
      `${BASE}faults: [{ at: 1h, target: pump_003.vibration_rms, type: sensor_bias }]\n`,
      [['faults[0].params.offset', 'is required for sensor_bias (sensor units)']],
    ],
    [
      'a fault parameter as text',
      `${BASE}faults: [{ at: 1h, target: Line_A, type: burner_drift, params: { ratePerH: fast } }]\n`,
      [['faults[0].params.ratePerH', 'must be a number (got "fast")']],
    ],
    [
      'an unknown setpoint',
      `${BASE}actions: [{ at: 1h, setpoint: Line_A.furnace_tmp, value: 1500 }]\n`,
      [
        [
          'actions[0].setpoint',
          'line Line_A has no setpoint "furnace_tmp" (did you mean "furnace_temp"?); its setpoints: furnace_temp, belt_speed, mold_temp, forming_pressure, lehr_cooling_rate',
        ],
      ],
    ],
    [
      'a line setpoint on a machine',
      `${BASE}actions: [{ at: 1h, setpoint: pump_003.belt_speed, value: 50 }]\n`,
      [['actions[0].setpoint', 'machine pump_003 has no setpoint "belt_speed"; its setpoints: load, speed']],
    ],
    [
      'a setpoint value out of bounds',
      `${BASE}actions: [{ at: 1h, setpoint: Line_A.furnace_temp, value: 1700 }]\n`,
      [['actions[0].value', 'must be between 1350 and 1650 °C for furnace_temp (got 1700)']],
    ],
    [
      'a setpoint without its asset',
      `${BASE}actions: [{ at: 1h, setpoint: furnace_temp, value: 1500 }]\n`,
      [['actions[0].setpoint', 'must be a setpoint id "<asset>.<name>", like "Line_A.furnace_temp" or "pump_003.load"']],
    ],
    ['a setpoint action without a value', `${BASE}actions: [{ at: 1h, setpoint: Line_A.furnace_temp }]\n`, [['actions[0].value', 'is required']]],
    [
      'maintenance of an unknown asset',
      `${BASE}actions: [{ at: 1h, maintenance: pump_03 }]\n`,
      [['actions[0].maintenance', 'no line or machine named "pump_03" (did you mean "pump_003"?)']],
    ],
    [
      'an action that is neither',
      `${BASE}actions: [{ at: 1h, repair: pump_003 }]\n`,
      [
        ['actions[0].setpoint', 'is required'],
        ['actions[0].value', 'is required'],
        ['actions[0].repair', 'is not a known field (expected one of: at, setpoint, value)'],
      ],
    ],
    [
      'an action as a string',
      `${BASE}actions: [maintenance pump_003]\n`,
      [['actions[0]', 'must be an object (got "maintenance pump_003")']],
    ],
    [
      'a misspelt glass kind',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: flaot }] }\n',
      [['plant.lines[0].glass', 'must be one of: container, float (did you mean "float"?)']],
    ],
    [
      'a misspelt machine profile',
      'name: demo\nduration: 1h\nplant: { machines: [{ id: m1, profile: pumps }] }\n',
      [
        [
          'plant.machines[0].profile',
          'must be a built-in profile (motor, pump, cnc, fan, compressor, conveyor, hydraulic, cooling_tower) or a path to a profile file ending in ".json" (did you mean "pump"?)',
        ],
      ],
    ],
    [
      'an id with a hyphen',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: Line-A, glass: float }] }\n',
      [['plant.lines[0].id', 'must be an id: a letter followed by letters, digits or underscores, like "Line_A" or "pump_003"']],
    ],
    [
      'duplicate ids across lines and machines',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: A, glass: float }], machines: [{ id: B, profile: fan }, { id: A, profile: fan }] }\n',
      [['plant.machines[1].id', '"A" is already used by plant.lines[0]']],
    ],
    [
      'an initial setpoint out of bounds',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: float, initial: { lehr_cooling_rate: 0.1 } }] }\n',
      [['plant.lines[0].initial.lehr_cooling_rate', 'must be between 0.5 and 15 °C/min (got 0.1)']],
    ],
    [
      'a misspelt initial setpoint',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: float, initial: { furnace_tmp: 1500 } }] }\n',
      [['plant.lines[0].initial.furnace_tmp', 'is not a known field (did you mean "furnace_temp"?)']],
    ],
    [
      'a physics multiplier out of range',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: float, physics: { furnace_heat_loss: 3 } }] }\n',
      [['plant.lines[0].physics.furnace_heat_loss', 'must be between 0.5 and 1.5 (got 3)']],
    ],
    [
      'a misspelt physics multiplier',
      'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: float, physics: { burner_eficiency: 1.1 } }] }\n',
      [['plant.lines[0].physics.burner_eficiency', 'is not a known field (did you mean "burner_efficiency"?)']],
    ],
    ['too few zones', 'name: demo\nduration: 1h\nplant: { lines: [{ id: L1, glass: float, zones: 1 }] }\n', [['plant.lines[0].zones', 'must be at least 2 (got 1)']]],
    ['an empty plant', 'name: demo\nduration: 1h\nplant: { lines: [] }\n', [['plant', 'must contain at least one line or machine']]],
    [
      'an override of an asset the preset lacks',
      'name: demo\nduration: 1h\nplant: { preset: reference, lines: [{ id: Line_D, zones: 4 }] }\n',
      [['plant.lines[0].id', 'no line "Line_D" in the reference plant (did you mean "Line_A"?)']],
    ],
    [
      'an added machine the preset already has',
      'name: demo\nduration: 1h\nplant: { preset: reference, add_machines: [{ id: pump_003, profile: pump }] }\n',
      [['plant.add_machines[0].id', '"pump_003" is already in the reference plant (to change it, list it under plant.machines)']],
    ],
    [
      'an asset overridden twice',
      'name: demo\nduration: 1h\nplant: { preset: reference, machines: [{ id: pump_003, age_h: 1 }, { id: pump_003, age_h: 2 }] }\n',
      [['plant.machines[1].id', '"pump_003" is overridden twice: merge this entry into plant.machines[0]']],
    ],
    [
      'an ambient temperature out of range',
      `${BASE}disturbances: { ambient: { mean_c: 100 } }\n`,
      [['disturbances.ambient.mean_c', 'must be at most 60 (got 100)']],
    ],
    [
      'a misspelt defect type',
      `${BASE}ground_truth: { summary: x, expected_defects: [cracks] }\n`,
      [['ground_truth.expected_defects[0]', 'must be one of: crack, bubble, chip, cloudiness, deformation, stain, stress_fracture (did you mean "crack"?)']],
    ],
    ['a ground truth without a summary', `${BASE}ground_truth: { causes: [] }\n`, [['ground_truth.summary', 'is required']]],
    [
      'an expected failure of an unknown machine',
      `${BASE}ground_truth: { summary: x, expected_failures: [pump_009:bearing_wear] }\n`,
      [['ground_truth.expected_failures[0]', 'no line or machine named "pump_009" (did you mean "pump_001"?)']],
    ],
    [
      'an expected failure named after a fault alias, not a failure mode',
      `${BASE}ground_truth: { summary: x, expected_failures: [pump_003:bearing_spall] }\n`,
      [['ground_truth.expected_failures[0]', 'pump "pump_003" has no failure mode "bearing_spall" (did you mean "bearing_wear"?); its failure modes: bearing_wear, impeller_wear']],
    ],
    [
      'an expected failure written with a dot',
      `${BASE}ground_truth: { summary: x, expected_failures: [pump_003.bearing_wear] }\n`,
      [['ground_truth.expected_failures[0]', 'must be a machine id, optionally with its failure mode, like "pump_003" or "pump_003:bearing_wear"']],
    ],
    ['an empty file', '', [['(root)', 'is empty: a scenario needs at least name, duration and plant']]],
    ['a list instead of a scenario', '- name: demo\n', [['(root)', 'must be a scenario: an object with at least name, duration and plant']]],
    ['two YAML documents', `${BASE}---\n${BASE}`, [['(root)', 'is not valid YAML: a scenario file holds one document; remove the extra "---" (column 1)']]],
    ['a repeated key', `${BASE}seed: 1\nseed: 2\n`, [['(root)', 'is not valid YAML: Map keys must be unique (column 1)']]],
  ])('reports %s', (_what, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('puts each issue on its line', () => {
    const err = catchError(() => parseScenario(FAULT_AT_25H, 'incident.yaml'));
    expect(err.issues).toEqual([{ path: 'faults[2].at', message: 'must be within the scenario duration (0..24h)', line: 8 }]);
    expect(err.message).toBe('incident.yaml:8: faults[2].at: must be within the scenario duration (0..24h)');
  });

  it('gives the line of a misspelt key, and of a value in a nested block', () => {
    const text = 'name: demo\nduration: 1h\nplant:\n  lines:\n    - id: L1\n      glass: float\n      zones: 1\nsede: 3\n';
    expect(catchError(() => parseScenario(text, 'x.yaml')).issues.map((i) => [i.path, i.line])).toEqual([
      ['sede', 8],
      ['plant.lines[0].zones', 7],
    ]);
  });

  it('reports YAML syntax errors with their line and column', () => {
    const err = catchError(() => parseScenario('name: demo\nduration: [1h\nplant: reference\n', 'x.yaml'));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ path: '(root)', line: 3 });
    expect(err.issues[0]!.message).toMatch(/^is not valid YAML: .+ \(column \d+\)$/);
  });

  it('reports JSON syntax errors with their line when the parser gives a position', () => {
    const err = catchError(() => parseScenario('{ "name": "demo",\n  "duration": 60\n  "plant": "reference" }', 'x.json'));
    expect(err.issues).toEqual([
      { path: '(root)', message: "is not valid JSON: Expected ',' or '}' after property value (column 3)", line: 3 },
    ]);
  });

  it('reports JSON syntax errors without echoing the file', () => {
    const err = catchError(() => parseScenario('{ "name": }', 'x.json'));
    expect(err.issues).toEqual([{ path: '(root)', message: "is not valid JSON: Unexpected token '}'" }]);
  });

  it('reports every problem of a file at once', () => {
    const text = `${BASE}faults:
  - { at: 30h, target: Line_A, type: burner_drift }
actions:
  - { at: 1h, setpoint: Line_A.furnace_temp, value: 2000 }
  - { at: 1h, maintenance: Line_Z }
`;
    expect(problems(text).map(([path]) => path)).toEqual(['faults[0].at', 'actions[0].value', 'actions[1].maintenance']);
  });
});
