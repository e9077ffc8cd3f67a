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

/** Disk use of the history: the database, the embedded store's directory (null with PostgreSQL), bytes per table. */
export const StorageHealth = Type.Object({
  databaseBytes: Type.Number(),
  dataDirBytes: Nullable(Type.Number()),
  tables: Type.Record(Type.String(), Type.Number()),
});
export type StorageHealth = Static<typeof StorageHealth>;

/** Body of GET /api/health. */
export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  /** bufferedRows: rows the history writers hold; quarantinedRows: rows the database refused since start (quarantined_samples). */
  database: Type.Object({
    ok: Type.Boolean(),
    kind: Type.String(),
    detail: Type.Optional(Type.String()),
    bufferedRows: Type.Optional(Type.Integer()),
    quarantinedRows: Type.Optional(Type.Integer()),
  }),
  /** lagS: how far the paced engine runs behind its wall-clock schedule. */
  engine: Type.Object({ running: Type.Boolean(), simTime: Type.String(), tick: Type.Integer(), lagS: Type.Number(), speed: Speed }),
  models: Type.Object({ status: Type.String(), detail: Type.Optional(Type.String()), backend: Type.Optional(Nullable(Type.String())) }),
  /** Absent without history, or while the database cannot be asked. */
  storage: Type.Optional(StorageHealth),
  /** Absent on a server without a live plant (tests of single routes). */
  plant: Type.Optional(PlantHealth),
});
export type Health = Static<typeof Health>;

export const Role = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('trainer'), Type.Literal('engineer'), Type.Literal('admin')]);
export type Role = Static<typeof Role>;

/** Body of GET /api/me: who the credentials belong to, so a client shows only what the role may do. */
export const Me = Type.Object({ actor: Type.String(), role: Role, devMode: Type.Boolean() });
export type Me = Static<typeof Me>;
