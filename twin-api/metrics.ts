import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the server (scraped at GET /metrics). */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    tickDuration: new Histogram({ name: 'twin_tick_duration_seconds', help: 'Wall time of one engine tick', buckets: [1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2], registers: [registry] }),
    engineLag: new Gauge({ name: 'twin_engine_lag_seconds', help: 'Simulated seconds the paced engine is behind wall time × speed', registers: [registry] }),
    clockEffectiveSpeed: new Gauge({ name: 'twin_clock_effective_speed', help: 'Simulated seconds per wall second the clock achieved over the last seconds (0 while stopped)', registers: [registry] }),
    clockBehind: new Gauge({ name: 'twin_clock_behind_seconds', help: 'Simulated seconds the run is behind speed x wall time, dropped backlog included', registers: [registry] }),
    simTime: new Gauge({ name: 'twin_sim_time_seconds', help: 'Simulated seconds since the scenario start', registers: [registry] }),
    wsClients: new Gauge({ name: 'twin_ws_clients', help: 'Connected WebSocket clients', registers: [registry] }),
    wsDropped: new Gauge({ name: 'twin_ws_dropped_messages_total', help: 'Messages dropped or conflated for slow WebSocket clients', registers: [registry] }),
    dbWriteLatency: new Histogram({ name: 'twin_db_write_latency_seconds', help: 'Latency of one batched history write', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    samplesBuffered: new Gauge({ name: 'twin_samples_buffered', help: 'Rows every history writer holds (twin and plant samples, events), waiting or being retried', registers: [registry] }),
    samplesQuarantined: new Counter({ name: 'twin_samples_quarantined_total', help: 'Rows the database refused as invalid, set aside in quarantined_samples', labelNames: ['writer'] as const, registers: [registry] }),
    samplesProduced: new Gauge({ name: 'twin_samples_produced_total', help: 'Samples the engine produced and handed to history', registers: [registry] }),
    retentionDeleted: new Counter({ name: 'twin_retention_deleted_rows_total', help: 'History rows deleted by the retention policy', labelNames: ['table'], registers: [registry] }),
    dbTableBytes: new Gauge({ name: 'twin_db_table_bytes', help: 'Bytes on disk of one history table, indexes included', labelNames: ['table'], registers: [registry] }),
    dbSizeBytes: new Gauge({ name: 'twin_db_size_bytes', help: 'Bytes of the history database', registers: [registry] }),
    dataDirBytes: new Gauge({ name: 'twin_data_dir_bytes', help: 'Bytes of the embedded database directory (DATA_DIR); absent with PostgreSQL', registers: [registry] }),
    durableBuffered: new Gauge({ name: 'twin_durable_writes_buffered', help: 'Audit entries / alert states waiting to be written (retried until stored)', labelNames: ['writer'], registers: [registry] }),
    durableFailures: new Gauge({ name: 'twin_durable_write_failures_total', help: 'Failed attempts of the audit / alert writers (each is retried)', labelNames: ['writer'], registers: [registry] }),
    whatIfWorkers: new Gauge({ name: 'twin_whatif_workers', help: 'Worker threads of the what-if / optimizer rollout pool (0: rollouts run on the main thread)', registers: [registry] }),
    samplesWritten: new Counter({ name: 'twin_samples_written_total', help: 'Samples written to history', registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
