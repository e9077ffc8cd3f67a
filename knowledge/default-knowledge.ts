/** The plant knowledge shipped with the twin (plant-knowledge.json), checked once when first used. */
import file from './plant-knowledge.json' with { type: 'json' };
import { builtinProfileResolver, type ProfileResolver } from '../engine/plant.ts';
import type { Scenario } from '../engine/scenario.ts';
import type { SensorChannel } from '../physics/model.ts';
import { CausalGraph } from './causal-graph.ts';
import type { GraphSnapshot } from './graph-model.ts';
import { parseKnowledgeFile, type KnowledgeFile } from './knowledge-file.ts';
import { seedGraph, type KnowledgePlant } from './seed-graph.ts';

let parsed: KnowledgeFile | undefined;

export function defaultKnowledge(): KnowledgeFile {
  return (parsed ??= parseKnowledgeFile(file, 'knowledge/plant-knowledge.json'));
}

/** The shipped knowledge seeded for a plant. */
export function defaultSeed(plant: KnowledgePlant): GraphSnapshot {
  return seedGraph(defaultKnowledge(), plant);
}

/** A causal graph of the shipped knowledge for a plant (what the alert engine uses when given none). */
export function defaultCausalGraph(plant: KnowledgePlant): CausalGraph {
  return new CausalGraph(defaultSeed(plant));
}

/** What seeding needs of a running plant: its sensors and each machine's profile. */
export function knowledgePlant(scenario: Scenario, sensors: readonly SensorChannel[], resolve: ProfileResolver = builtinProfileResolver()): KnowledgePlant {
  return { sensors, machines: scenario.machines.map((m) => ({ id: m.id, profile: resolve(m.profile) })) };
}
