/** Server status on the wire: GET /api/health and GET /api/me. */
import { Type, type Static } from 'typebox';
import { Nullable } from './schema-kit.ts';
import { Speed } from './sessions.ts';

/** Where the live plant's data comes from and where commands go, and whether each is connected. */
export const PlantHealth = Type.Object({
  source: Type.Union([Type.Literal('stand-in'), Type.Literal('mqtt')]),
  connected: Type.Boolean(),
  commands: Type.Object({ port: Type.String(), connected: Type.Boolean() }),
});
export type PlantHealth = Static<typeof PlantHealth>;

/** Whether one monitor runs ('watching') or cannot ('off'), and why not. */
export const MonitorHealth = Type.Object({
  state: Type.Union([Type.Literal('watching'), Type.Literal('off')]),
  /** Why the monitor is off (or what it leaves out); absent when it watches everything it should. */
  reason: Type.Optional(Type.String()),
});
export type MonitorHealth = Static<typeof MonitorHealth>;

/** The drift and shadow monitors: an 'off' one makes the server degraded. */
export const MonitorsHealth = Type.Object({
  /** Input drift of the models in service: 'off' when any of them cannot be watched. */
  drift: Type.Object({ ...MonitorHealth.properties, models: Type.Array(Type.String()) }),
  /** Shadow mode (twin vs live plant): 'off' while no live measurements arrive. */
  shadow: MonitorHealth,
});
export type MonitorsHealth = Static<typeof MonitorsHealth>;

/** Disk use of the history: the database, the embedded store's directory (null with PostgreSQL), bytes per table. */
export const StorageHealth = Type.Object({
  databaseBytes: Type.Number(),
  dataDirBytes: Nullable(Type.Number()),
  tables: Type.Record(Type.String(), Type.Number()),
});
export type StorageHealth = Static<typeof StorageHealth>;

/** The phases of a server's start-up, in order. */
export const StartupPhaseName = Type.Union([Type.Literal('store'), Type.Literal('engine'), Type.Literal('models')]);
export type StartupPhaseName = Static<typeof StartupPhaseName>;

/** One start-up phase: store open, engine running, default models trained (skipped when the registry already serves them). */
export const StartupPhase = Type.Object({
  name: StartupPhaseName,
  state: Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('skipped')]),
  /** Seconds after the process started that the phase began; null while pending. */
  startedAtS: Nullable(Type.Number()),
  /** How long it took; null until it ended. */
  tookS: Nullable(Type.Number()),
  detail: Type.Optional(Type.String()),
  /** Models phase: models finished of total, and the trainer's estimate of the seconds left (null: not known yet). */
  progress: Type.Optional(Type.Object({ done: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }), etaS: Nullable(Type.Number()), message: Type.String() })),
});
export type StartupPhase = Static<typeof StartupPhase>;

/** Body of GET /api/health. */
export const Health = Type.Object({
  /** starting: listening, but a start-up phase (see `startup`) has not ended; only health answers until the engine runs. */
  status: Type.Union([Type.Literal('starting'), Type.Literal('ok'), Type.Literal('degraded')]),
  /** bufferedRows: rows the history writers hold; quarantinedRows: rows the database refused since start (quarantined_samples). */
  database: Type.Object({
    ok: Type.Boolean(),
    kind: Type.String(),
    detail: Type.Optional(Type.String()),
    bufferedRows: Type.Optional(Type.Integer()),
    quarantinedRows: Type.Optional(Type.Integer()),
  }),
  /**
   * lagS: the backlog the paced clock is catching up (at most its cap); behindS: how far the run is
   * behind speed × wall time overall, dropped backlog included; effectiveSpeed: simulated seconds per
   * wall second measured over the last seconds (below `speed` when the machine cannot keep up; null while stopped).
   */
  engine: Type.Object({ running: Type.Boolean(), simTime: Type.String(), tick: Type.Integer(), lagS: Type.Number(), speed: Speed, behindS: Type.Optional(Type.Number()), effectiveSpeed: Type.Optional(Nullable(Type.Number())) }),
  models: Type.Object({ status: Type.String(), detail: Type.Optional(Type.String()), backend: Type.Optional(Nullable(Type.String())) }),
  /** Absent without history, or while the database cannot be asked. */
  storage: Type.Optional(StorageHealth),
  /** Absent on a server without a live plant (tests of single routes). */
  plant: Type.Optional(PlantHealth),
  /** Absent on a server without monitors (tests of single routes). */
  monitors: Type.Optional(MonitorsHealth),
  /** The start-up phases; absent on an app built without them (tests of single routes). */
  startup: Type.Optional(Type.Array(StartupPhase)),
});
export type Health = Static<typeof Health>;

export const Role = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('trainer'), Type.Literal('engineer'), Type.Literal('admin')]);
export type Role = Static<typeof Role>;

/** Body of GET /api/me: who the credentials belong to, so a client shows only what the role may do. */
export const Me = Type.Object({ actor: Type.String(), role: Role, devMode: Type.Boolean() });
export type Me = Static<typeof Me>;
