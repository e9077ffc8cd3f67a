import type { ReactNode } from 'react';
import type { KpiCardId } from '../live/settings.ts';
import { useSettings, useTwin } from '../shell/runtime-context.tsx';
import { duration, fmt, pct } from '../util/format.ts';
import { defectsKpi, productionBand, productionKpi, qualityBand, qualitySparkline, responseTimeS, unacknowledgedCritical, type Band, type Trend } from './kpi-logic.ts';
import { aucBand, servedAccuracy, trainingFraction, trainingText } from './model-accuracy.ts';
import { Sparkline } from './sparkline.tsx';

const ARROW: Record<Exclude<Trend, null>, string> = { up: '▲', down: '▼', flat: '▬' };

function Card({ id, title, value, band = 'none', sub, pulse, children }: { id: KpiCardId; title: string; value: ReactNode; band?: Band; sub?: ReactNode; pulse?: boolean; children?: ReactNode }) {
  return (
    <section className={`kpi kpi-${band}${pulse ? ' kpi-pulse' : ''}`} aria-label={title} data-testid={`kpi-${id}`} data-band={band}>
      <h3 className="kpi-title">{title}</h3>
      <div className="kpi-value" data-testid={`kpi-${id}-value`}>
        {value}
      </div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
      {children}
    </section>
  );
}

/** The KPI strip: defects, quality, unacknowledged critical alerts, prediction accuracy, production rate, response time. */
export function KpiCards() {
  const kpis = useTwin((s) => s.kpis);
  const alerts = useTwin((s) => s.alerts);
  const modelStatus = useTwin((s) => s.modelStatus);
  const offMonitors = useTwin((s) => s.monitorsOff);
  const models = useTwin((s) => s.models);
  const job = useTwin((s) => s.trainingJob);
  const visible = useSettings((s) => s.visibleKpis);
  const d = defectsKpi(kpis);
  const fpy = kpis?.plant.shift.units ? kpis.plant.shift.fpy : null;
  const critical = unacknowledgedCritical(alerts);
  // The shift's rate, not the rolling hour's: the rolling hour divides by a full hour even right after a start.
  const prod = productionKpi(kpis);
  const response = responseTimeS(alerts);
  const accuracy = servedAccuracy(models?.registry ?? []);
  const training = trainingText(job);
  const trainedFraction = trainingFraction(job);
  const cards: Record<KpiCardId, ReactNode> = {
    defects: (
      <Card id="defects" title="Defects this shift" value={fmt(d.defects)} sub={<>
          {d.trend ? <span className={`trend trend-${d.trend === 'up' ? 'bad' : d.trend === 'down' ? 'good' : 'flat'}`} aria-label={`trend ${d.trend} vs previous shift`}>{ARROW[d.trend]}</span> : null}{' '}
          {d.ratePer1000 !== null ? `${fmt(d.ratePer1000)} per 1,000 units` : 'no units yet'}{d.trend === null ? ' · no previous shift' : ' vs previous shift'}
        </>} />
    ),
    quality: (
      <Card id="quality" title="Quality rate (FPY)" value={pct(fpy)} band={qualityBand(fpy)} sub="24 h, hourly">
        <Sparkline values={qualitySparkline(kpis)} min={0.7} max={1} label="first-pass yield, last 24 hours" />
      </Card>
    ),
    criticalAlerts: <Card id="criticalAlerts" title="Unacknowledged critical" value={critical} band={critical > 0 ? 'bad' : 'good'} pulse={critical > 0} sub={critical > 0 ? 'needs an operator' : 'all handled'} />,
    predictionAccuracy: (
      <Card id="predictionAccuracy" title="Prediction accuracy" band={aucBand(accuracy?.meanAuc ?? null)} value={accuracy ? `AUC ${accuracy.meanAuc.toFixed(2)}` : training ? 'Training…' : 'No model'} sub={
        <>
          {accuracy ? <span title="mean held-out ROC-AUC of the failure, anomaly and defects models in service (0.5: chance, 1: perfect)">held-out ROC-AUC · {accuracy.models} model{accuracy.models === 1 ? '' : 's'}</span> : !training ? (modelStatus === 'none' || modelStatus === null ? 'no predictive model deployed yet' : `models: ${modelStatus}`) : null}
          {training ? <span className="kpi-training" data-testid="kpi-training">{accuracy ? <br /> : null}{training}</span> : null}
          {offMonitors.map((line) => (
            <span key={line} className="kpi-monitor-off" data-testid="kpi-monitor-off" title={line}>
              <br />⚠ {line}
            </span>
          ))}
        </>
      }>
        {trainedFraction !== null ? <progress className="kpi-progress" max={1} value={trainedFraction} aria-label="model training progress" /> : null}
      </Card>
    ),
    productionRate: (
      <Card id="productionRate" title="Production rate" value={prod ? `${fmt(prod.ratePerH)}/h` : '—'} band={prod ? productionBand(prod.ratePerH, prod.targetPerH) : 'none'} sub={prod ? `target ${fmt(prod.targetPerH)}/h · ${pct(prod.targetPerH > 0 ? prod.ratePerH / prod.targetPerH : null, 0)} this shift` : 'waiting for KPIs'} />
    ),
    responseTime: <Card id="responseTime" title="Alert → action" value={duration(response)} sub={response === null ? 'no alert acted on yet' : 'median, simulated time'} />,
  };
  return (
    <div className="kpi-strip" data-testid="kpi-strip">
      {visible.map((id) => <div key={id}>{cards[id]}</div>)}
    </div>
  );
}
