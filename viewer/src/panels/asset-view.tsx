import { SensorChart } from '../charts/sensor-chart.tsx';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { uiStore, useUi } from '../shell/ui-store.ts';
import { fmt } from '../util/format.ts';
import { Gauge } from './gauge.tsx';
import { SetpointControls } from './setpoint-control.tsx';
import { failureBand, limitText, rulNote, rulText } from './inspector-logic.ts';
import { chatContext, riskQuestion } from './copilot-logic.ts';
import { askCopilot, useCopilot } from './copilot-store.ts';

const STATUS_NAME = ['OK', 'WARNING', 'ERROR', 'CRITICAL'] as const;

function ModelSection({ asset }: { asset: string }) {
  const p = useTwin((s) => s.predictions[asset]);
  const now = useTwin((s) => s.simTime);
  const modelStatus = useTwin((s) => s.modelStatus);
  if (!p) {
    return (
      <div className="no-model" data-testid="no-model">
        <strong>No model</strong>
        <p className="muted small">{modelStatus === 'none' || modelStatus === null ? 'No predictive model is deployed for this asset yet: RUL, failure probability and anomaly score appear here once ml/ publishes predictions.' : `Models: ${modelStatus}; no prediction for ${asset} yet.`}</p>
      </div>
    );
  }
  const rul = rulText(p, now);
  return (
    <div className="model-grid" data-testid="model-section">
      <div className="stat" title={rulNote(p) ?? undefined} data-testid="rul"><span className="muted small">Remaining useful life</span><strong className="big">{rul}</strong></div>
      <Gauge value={p.failureProbability} label="failure probability" band={failureBand(p.failureProbability)} />
      <Gauge value={p.anomalyScore} label="anomaly score" band={failureBand(p.anomalyScore)} />
      <div className="stat">
        <span className="muted small">Top contributing inputs</span>
        {p.topInputs.length ? <ol className="contrib">{p.topInputs.map((i) => <li key={i.name}>{i.name} <span className="muted">{fmt(i.weight)}</span></li>)}</ol> : <span className="muted">not reported</span>}
      </div>
    </div>
  );
}

/** Machine inspector: model outputs (or a "no model" state), the profile from the topology, and charts. */
export function AssetView() {
  const rt = useRuntime();
  const assetId = useTwin((s) => s.selectedAsset);
  const topology = useTwin((s) => s.topology);
  const readings = useTwin((s) => s.readings);
  const charted = useUi((s) => s.chartSensors);
  const copilotBusy = useCopilot((s) => s.conversation.pending);
  const asset = topology?.assets.find((a) => a.id === assetId);
  const select = (id: string) => {
    rt.store.setState({ selectedAsset: id || null });
    uiStore.setState({ chartSensors: [] });
  };
  const toggleChart = (id: string) => uiStore.setState({ chartSensors: charted.includes(id) ? charted.filter((c) => c !== id) : [...charted, id].slice(-4) });
  return (
    <section className="panel" aria-labelledby="inspector-title" data-testid="inspector">
      <header className="panel-head">
        <h2 id="inspector-title">Inspector</h2>
        <label className="inline">
          <span className="sr-only">Asset</span>
          <select value={assetId ?? ''} onChange={(e) => select(e.target.value)} data-testid="asset-select">
            <option value="">Pick an asset…</option>
            {topology?.assets.map((a) => <option key={a.id} value={a.id}>{a.id}</option>)}
          </select>
        </label>
      </header>
      {!asset ? <p className="empty">Select an asset in the 3D view, the fleet grid or the list above.</p> : (
        <>
          <div className="asset-head">
            <h3 className="asset-title">{asset.id} <span className="muted small">{asset.kind === 'line' ? 'glass line' : asset.id.replace(/_\d+$/, '').replace(/_/g, ' ')}</span></h3>
            {asset.kind === 'machine' ? <button className="btn btn-xs" disabled={copilotBusy} title={copilotBusy ? 'the copilot is answering' : 'Ask the copilot why this machine is at risk'} onClick={() => askCopilot(rt.rest, riskQuestion(asset.id), chatContext(asset.id, topology, null))} data-testid="asset-ai-diagnosis">AI diagnosis</button> : null}
          </div>
          {asset.kind === 'machine' ? <ModelSection asset={asset.id} /> : null}
          {asset.setpoints.length ? <SetpointControls key={asset.id} asset={asset.id} /> : null}
          {charted.filter((id) => asset.sensors.some((s) => s.id === id)).map((id) => (
            <SensorChart key={id} sensor={asset.sensors.find((s) => s.id === id)!} />
          ))}
          <table className="table" aria-label={`Sensors of ${asset.id}`}>
            <thead><tr><th>Sensor</th><th className="num">Value</th><th>Limits</th><th><span className="sr-only">Chart</span></th></tr></thead>
            <tbody>
              {asset.sensors.map((s) => {
                const r = readings[s.id];
                return (
                  <tr key={s.id} className={`st-${r?.s ?? 0}`}>
                    <td title={s.description}>{s.group !== 'machine' ? `${s.group}.` : ''}{s.name}</td>
                    <td className="num" aria-label={r ? STATUS_NAME[r.s] : 'no data'}>{fmt(r?.v)} <span className="muted">{s.unit}</span></td>
                    <td className="muted small">{limitText(s.limits)}</td>
                    <td><button className={`btn btn-xs${charted.includes(s.id) ? ' btn-on' : ''}`} aria-pressed={charted.includes(s.id)} onClick={() => toggleChart(s.id)} data-testid={`chart-toggle-${s.id}`}>Chart</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
