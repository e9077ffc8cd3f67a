import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the server (scraped at GET /metrics). */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    tickDuration: new Histogram({ name: 'twin_tick_duration_seconds', help: 'Wall time of one engine tick', buckets: [1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2], registers: [registry] }),
    engineLag: new Gauge({ name: 'twin_engine_lag_seconds', help: 'Simulated seconds the paced engine is behind wall time × speed', registers: [registry] }),
    simTime: new Gauge({ name: 'twin_sim_time_seconds', help: 'Simulated seconds since the scenario start', registers: [registry] }),
    wsClients: new Gauge({ name: 'twin_ws_clients', help: 'Connected WebSocket clients', registers: [registry] }),
    wsDropped: new Gauge({ name: 'twin_ws_dropped_messages_total', help: 'Messages dropped or conflated for slow WebSocket clients', registers: [registry] }),
    dbWriteLatency: new Histogram({ name: 'twin_db_write_latency_seconds', help: 'Latency of one batched history write', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    samplesBuffered: new Gauge({ name: 'twin_samples_buffered', help: 'Samples waiting to be written to history', registers: [registry] }),
    samplesProduced: new Gauge({ name: 'twin_samples_produced_total', help: 'Samples the engine produced and handed to history', registers: [registry] }),
    samplesWritten: new Counter({ name: 'twin_samples_written_total', help: 'Samples written to history', registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
