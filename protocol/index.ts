// The wire protocol shared by twin-api and viewer: no Node imports, runs in the browser too.
export * from './version.ts';
export * from './envelope.ts';
export * from './samples.ts';
export * from './ws.ts';
export * from './alerts.ts';
export * from './alert-settings.ts';
export * from './kpis.ts';
export * from './history.ts';
export * from './plant.ts';
export * from './plant-events.ts';
export * from './recommendation.ts';
export * from './state-data.ts';
export * from './sessions.ts';
export * from './models.ts';
export * from './health.ts';
export * from './shadow.ts';
