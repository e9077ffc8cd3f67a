/**
 * The questions bench:copilot asks the reference plant, with what a correct answer calls and cites.
 * Written by us, in the words of the product's users, not taken from users' logs. `dev` questions
 * were read while the planner's rules and the retrieval were written and may be tuned on; `heldout`
 * questions were written at the same time but run only in the bench, and the rules are not changed
 * to fit them (a heldout miss is reported, not fixed here).
 * `{ALERT}` is replaced by the id of an alert the bench opens on pump_003.
 */

export interface BenchQuestion {
  readonly q: string;
  readonly split: 'dev' | 'heldout';
  readonly role?: 'viewer' | 'operator' | 'engineer';
  readonly context?: { readonly asset?: string; readonly line?: string; readonly alert?: string };
  /** An earlier turn of the conversation (the question is a follow-up). */
  readonly before?: string;
  /** The tool a correct answer calls, with (at least) these arguments; or the parameters it must ask for. */
  readonly expect: { readonly tool: string; readonly args?: Readonly<Record<string, unknown>> } | { readonly needs: readonly string[] };
  /** Manual sections a correct answer cites (any of them in the search's top three). */
  readonly sections?: readonly string[];
}

const t = (tool: string, args?: Record<string, unknown>) => ({ tool, ...(args ? { args } : {}) });

export const QUESTIONS: readonly BenchQuestion[] = [
  // Predictions
  { q: "What's the RUL of compressor_002?", split: 'dev', expect: t('predict_rul', { asset: 'compressor_002' }) },
  { q: 'How much life is left in pump 3?', split: 'dev', expect: t('predict_rul', { asset: 'pump_003' }) },
  { q: 'remaining useful life motor_004', split: 'dev', expect: t('predict_rul', { asset: 'motor_004' }) },
  { q: 'How long before cnc_002 needs repair?', split: 'heldout', expect: t('predict_rul', { asset: 'cnc_002' }) },
  { q: 'Time to failure for the cooling tower 1?', split: 'heldout', expect: t('predict_rul', { asset: 'cooling_tower_001' }) },
  { q: 'hours left on hydraulic_002', split: 'heldout', expect: t('predict_rul', { asset: 'hydraulic_002' }) },
  { q: 'What is the failure risk of fan_002?', split: 'dev', expect: t('predict_failure', { asset: 'fan_002' }) },
  { q: 'How likely is cnc_001 to fail?', split: 'dev', expect: t('predict_failure', { asset: 'cnc_001' }) },
  { q: 'Will conveyor 2 fail this week?', split: 'heldout', expect: t('predict_failure', { asset: 'conveyor_002' }) },
  { q: 'probability of failure for motor_001', split: 'heldout', expect: t('predict_failure', { asset: 'motor_001' }) },
  { q: "What's the chance pump_005 breaks down soon?", split: 'heldout', expect: t('predict_failure', { asset: 'pump_005' }) },
  { q: 'How is compressor_003 doing?', split: 'dev', expect: t('predict_failure', { asset: 'compressor_003' }) },
  { q: 'Status of fan 1', split: 'heldout', expect: t('predict_failure', { asset: 'fan_001' }) },
  { q: 'What is its remaining useful life?', split: 'dev', context: { asset: 'pump_002' }, expect: t('predict_rul', { asset: 'pump_002' }) },
  { q: 'and motor_002?', split: 'dev', before: "What's the RUL of pump_003?", expect: t('predict_rul', { asset: 'motor_002' }) },
  { q: 'what about compressor 1?', split: 'heldout', before: 'What is the failure risk of fan_002?', expect: t('predict_failure', { asset: 'compressor_001' }) },
  { q: 'What is the remaining useful life?', split: 'dev', expect: { needs: ['asset'] } },
  { q: 'Is it going to fail?', split: 'heldout', expect: { needs: ['asset'] } },
  // Explanations
  { q: "Why is pump_003's risk high?", split: 'dev', expect: t('root_cause', { asset: 'pump_003' }) },
  { q: 'Why is pump 3 at risk?', split: 'dev', expect: t('root_cause', { asset: 'pump_003' }) },
  { q: 'Why is the failure risk so high?', split: 'dev', context: { asset: 'compressor_002' }, expect: t('root_cause', { asset: 'compressor_002' }) },
  { q: 'Why is cnc_003 degrading?', split: 'heldout', expect: t('root_cause', { asset: 'cnc_003' }) },
  { q: "why does the model think fan_003 will fail", split: 'heldout', expect: t('root_cause', { asset: 'fan_003' }) },
  { q: 'Explain alert {ALERT}', split: 'dev', expect: t('explain_alert', { alert_id: '{ALERT}' }) },
  { q: 'Why did this alarm fire?', split: 'dev', context: { alert: '{ALERT}' }, expect: t('explain_alert', { alert_id: '{ALERT}' }) },
  { q: 'What does alert {ALERT} mean?', split: 'heldout', expect: t('explain_alert', { alert_id: '{ALERT}' }) },
  { q: 'What is causing the cracks on Line_A?', split: 'dev', expect: t('root_cause', { defect_type: 'crack', line: 'Line_A' }) },
  { q: 'Root cause of bubbles on line B', split: 'dev', expect: t('root_cause', { defect_type: 'bubble', line: 'Line_B' }) },
  { q: 'Why are we getting stress fractures on Line_C?', split: 'heldout', expect: t('root_cause', { defect_type: 'stress_fracture', line: 'Line_C' }) },
  { q: 'what causes cloudiness on line a', split: 'heldout', expect: t('root_cause', { defect_type: 'cloudiness', line: 'Line_A' }) },
  { q: 'What is causing the deformation?', split: 'heldout', expect: { needs: ['symptom'] } },
  { q: 'Why are there so many stains?', split: 'heldout', context: { line: 'Line_B' }, expect: t('root_cause', { defect_type: 'stain', line: 'Line_B' }) },
  // Planning and what-if (engineers)
  { q: "Plan next week's maintenance with 2 teams", split: 'dev', role: 'engineer', expect: t('optimize_schedule', { teams_available: 2, horizon_days: 7 }) },
  { q: 'Schedule the maintenance jobs for the next 3 days with three crews', split: 'heldout', role: 'engineer', expect: t('optimize_schedule', { teams_available: 3, horizon_days: 3 }) },
  { q: 'Plan the maintenance', split: 'dev', role: 'engineer', expect: { needs: ['teams', 'horizonDays'] } },
  { q: 'Make a maintenance plan for this week', split: 'heldout', role: 'engineer', expect: { needs: ['teams'] } },
  { q: 'What if I raise the furnace temperature on line A to 1560?', split: 'dev', role: 'engineer', expect: t('what_if', { setpoint: 'Line_A.furnace_temp', value: 1560 }) },
  { q: 'What happens if we set the belt speed on Line_B to 150?', split: 'heldout', role: 'engineer', expect: t('what_if', { setpoint: 'Line_B.belt_speed', value: 150 }) },
  { q: 'Simulate lowering the lehr cooling rate on line C to 4', split: 'heldout', role: 'engineer', expect: t('what_if', { setpoint: 'Line_C.lehr_cooling_rate', value: 4 }) },
  { q: 'What if I change the mold temp on Line_A?', split: 'dev', role: 'engineer', expect: { needs: ['value'] } },
  // History
  { q: 'Show me pump_003 vibration over the last 6 hours', split: 'dev', expect: t('get_history', { sensor: 'pump_003.vibration_rms_mm_s', hours: 6 }) },
  { q: 'compressor_001 discharge temperature trend', split: 'dev', expect: t('get_history', { sensor: 'compressor_001.discharge_temp_c' }) },
  { q: 'history of pump_003 bearing temperature in the past 2 hours', split: 'heldout', expect: t('get_history', { sensor: 'pump_003.bearing_temp_c', hours: 2 }) },
  { q: 'Show me Line_A residual stress over the last hour', split: 'heldout', expect: t('get_history', { sensor: 'Line_A.annealing.residual_stress', hours: 1 }) },
  // Manuals
  { q: 'How do I inspect a pump for bearing wear?', split: 'dev', expect: t('search_manuals', { topic: 'pump' }), sections: ['pump#bearing_wear', 'pump#inspection-steps', 'pump#symptom-bearing-temperature-rising-on-the-pump'] },
  { q: 'How often should the compressor be serviced?', split: 'dev', expect: t('search_manuals', { topic: 'compressor' }), sections: ['compressor#preventive-maintenance-intervals'] },
  { q: 'What should I check when the motor winding runs hot?', split: 'dev', expect: t('search_manuals', { topic: 'motor' }), sections: ['motor#symptom-winding-temperature-high-on-the-motor', 'motor#insulation_ageing'] },
  { q: 'How do I troubleshoot low airflow on a fan?', split: 'dev', expect: t('search_manuals', { topic: 'fan' }), sections: ['fan#symptom-airflow-below-demand-on-the-fan', 'fan#fouling'] },
  { q: 'The conveyor belt is slipping, what do I do?', split: 'dev', expect: t('search_manuals', { topic: 'conveyor' }), sections: ['conveyor#symptom-belt-slip-rising-on-the-conveyor', 'conveyor#belt_wear'] },
  { q: 'Procedure for a cooling tower with warm cold-water outlet', split: 'dev', expect: t('search_manuals', { topic: 'cooling_tower' }), sections: ['cooling_tower#symptom-cold-water-too-warm-on-the-cooling-tower', 'cooling_tower#fill_fouling', 'cooling_tower#symptom-approach-temperature-rising-on-the-cooling-tower'] },
  { q: 'Hydraulic oil temperature is high, how should I proceed?', split: 'dev', expect: t('search_manuals', { topic: 'hydraulic' }), sections: ['hydraulic#symptom-oil-temperature-high-on-the-hydraulic-unit'] },
  { q: 'How do I replace the tool on the CNC?', split: 'dev', expect: t('search_manuals', { topic: 'cnc' }), sections: ['cnc#tool_wear', 'cnc#inspection-steps'] },
  { q: 'What are the normal limits for glass line furnace crown temperature?', split: 'dev', expect: t('search_manuals', { topic: 'glass_line' }), sections: ['glass_line#sensors-and-limits', 'glass_line#symptom-crown-temperature-high-on-the-glass-line'] },
  { q: 'how to check a pump impeller', split: 'heldout', expect: t('search_manuals', { topic: 'pump' }), sections: ['pump#impeller_wear', 'pump#inspection-steps'] },
  { q: 'Steps for inspecting a hydraulic power unit', split: 'heldout', expect: t('search_manuals', { topic: 'hydraulic' }), sections: ['hydraulic#inspection-steps'] },
  { q: 'How should I deal with gearbox vibration on the conveyor?', split: 'heldout', expect: t('search_manuals', { topic: 'conveyor' }), sections: ['conveyor#symptom-high-gearbox-vibration-on-the-conveyor', 'conveyor#gearbox_wear'] },
  { q: 'What is the maintenance interval for motor bearings?', split: 'heldout', expect: t('search_manuals', { topic: 'motor' }), sections: ['motor#preventive-maintenance-intervals', 'motor#bearing_wear'] },
  { q: 'How do I troubleshoot the CNC spindle overheating?', split: 'heldout', expect: t('search_manuals', { topic: 'cnc' }), sections: ['cnc#symptom-spindle-temperature-rising-on-the-cnc', 'cnc#spindle_bearing_wear'] },
  { q: 'Compressor capacity is too low - procedure?', split: 'heldout', expect: t('search_manuals', { topic: 'compressor' }), sections: ['compressor#symptom-capacity-below-demand-on-the-compressor', 'compressor#valve_wear'] },
  { q: 'How to clean a fouled fan impeller', split: 'heldout', expect: t('search_manuals', { topic: 'fan' }), sections: ['fan#fouling'] },
  { q: 'How do I handle a cooling tower fan stopped on a failure?', split: 'heldout', expect: t('search_manuals', { topic: 'cooling_tower' }), sections: ['cooling_tower#symptom-cooling-tower-fan-stopped-on-a-failure'] },
  { q: 'How do I fix a mould heater failure on the glass line?', split: 'heldout', expect: t('search_manuals', { topic: 'glass_line' }), sections: ['glass_line#mold_heater_failure'] },
  { q: 'Inspection steps for glass line wall thickness out of range', split: 'heldout', expect: t('search_manuals', { topic: 'glass_line' }), sections: ['glass_line#symptom-wall-thickness-out-of-range-on-the-glass-line'] },
  { q: 'What are the limits for motor insulation resistance?', split: 'heldout', expect: t('search_manuals', { topic: 'motor' }), sections: ['motor#sensors-and-limits', 'motor#symptom-insulation-resistance-falling-on-the-motor', 'motor#insulation_ageing'] },
  { q: 'pump suction pressure low, symptom and fix', split: 'heldout', expect: t('search_manuals', { topic: 'pump' }), sections: ['pump#symptom-low-suction-pressure-on-the-pump'] },
  { q: 'Has a pump bearing failure happened before? What was the cause?', split: 'heldout', expect: t('search_manuals'), sections: ['incident:pump-bearing-failure', 'pump#bearing_wear'] },
];
