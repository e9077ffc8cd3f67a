import { describe, expect, it } from 'vitest';
import { DocIndex } from '../../copilot/retrieval.ts';
import { incidentDocuments, manualDocuments } from './copilot-docs.ts';

describe("the copilot's documents", () => {
  const manuals = manualDocuments();
  const index = new DocIndex([...manuals, ...incidentDocuments()]);

  it('holds a manual for every machine type and the glass line, cut at its headings', () => {
    expect(new Set(manuals.map((s) => s.topic))).toEqual(new Set(['motor', 'pump', 'compressor', 'cnc', 'fan', 'conveyor', 'hydraulic', 'cooling_tower', 'glass_line']));
    expect(manuals.find((s) => s.id === 'pump#bearing_wear')?.title).toBe('Failure modes: bearing_wear');
    expect(manuals.every((s) => s.text.length > 40)).toBe(true);
  });

  it('holds every incident of the scenario library with its true causes', () => {
    const incidents = index.query('pump bearing failure incident', 10).filter((h) => h.id.startsWith('incident:'));
    expect(incidents.map((h) => h.id)).toContain('incident:pump-bearing-failure');
    expect(index.section('incident:furnace-overheat-crack-storm')?.text).toMatch(/Root causes: .*crack/);
  });

  it.each([
    ['bearing temperature rising on my pump', 'pump', 'pump#symptom-bearing-temperature-rising-on-the-pump'],
    ['how often should the compressor be serviced', 'compressor', 'compressor#preventive-maintenance-intervals'],
    ['compressor valve cap getting hot', 'compressor', 'compressor#symptom-valve-cap-temperature-rising-on-the-compressor'],
    ['why are we getting cloudy glass', 'glass_line', 'glass_line#symptom-cloudy-glass-on-the-glass-line'],
    ['the lehr fan failed', 'glass_line', 'glass_line#lehr_fan_failure'],
  ])('"%s" finds its section in the top three', (q, topic, id) => {
    expect(index.query(q, 3, topic).map((h) => h.id)).toContain(id);
  });

  it('keeps to the topic asked, and to documents about no machine', () => {
    for (const h of index.query('high vibration', 10, 'fan')) expect([null, 'fan']).toContain(h.topic);
  });
});
