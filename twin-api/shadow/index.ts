// Shadow mode: the twin runs beside a live source and is corrected by it.
export type { LiveSample, LiveSource, LiveSourceStatus } from './live-source.ts';
export { toLiveSample } from './live-source.ts';
export { EnginePlantSource, DEMO_PLANT_DIFFERENCES, type PlantDifferences } from './engine-plant-source.ts';
export { MqttSource, type MqttSourceOptions, type Rejection } from './mqtt-source.ts';
export { topicFor, topicFilter, parseTopic } from './topics.ts';
export { checkSampleMessage, describeSchemaErrors, type SampleCheck } from './validate-sample.ts';
export { BiasFilterBank, DEFAULT_BIAS_FILTER, type BiasFilterConfig, type SensorNoise } from '../../monitor/shadow/bias-filter.ts';
export { DriftDetector, DEFAULT_DRIFT_DETECTOR, FLAG_NAMES, type DriftDetectorConfig, type ShadowFlag } from '../../monitor/shadow/drift-detector.ts';
export { ShadowTracker, DEFAULT_SHADOW_TRACKER, type ShadowTrackerConfig, type TrackerLayout, type TrackerSample } from '../../monitor/shadow/shadow-tracker.ts';
export { ShadowState, ShadowSensorState, FlaggedAsset, ShadowFlagSchema } from '../../protocol/shadow.ts';
export { connectShadow, type SteppedSource } from './connect-shadow.ts';
