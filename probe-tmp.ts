import { startTwinServer } from './test/e2e/twin-server.ts';
console.log('starting');
const s = await startTwinServer({ TWIN_SCENARIO: 'furnace-overheat-crack-storm', TWIN_WARM_UP: '5h', TWIN_SPEED: '300', TWIN_OPTIMIZER: '0' });
console.log('up', s.url);
const get = async (p: string) => ((await (await fetch(`${s.url}${p}`)).json()) as { data: any }).data;
for (let i = 0; i < 60; i++) {
  await new Promise((r) => setTimeout(r, 3000));
  const latest = await get('/api/plant/latest');
  const alerts = (await get('/api/alerts?state=active')) ?? [];
  const la = alerts.filter((a: any) => a.asset === 'Line_A');
  console.log(latest.t, la.map((a: any) => `${a.id} ${a.rule} ${a.sensor}`).join(' | '));
  if (la.length > 4) {
    for (const a of la.slice(0, 8)) {
      const r = await fetch(`${s.url}/api/knowledge-graph/root-cause?alert_id=${a.id}`);
      const j = (await r.json()) as any;
      console.log(a.id, a.rule, a.sensor, r.status, j.error?.message ?? JSON.stringify(j.data.causes.map((c: any) => [c.root_cause_id, c.confidence.toFixed(2), c.evidence.path])));
    }
    break;
  }
}
await s.stop();
