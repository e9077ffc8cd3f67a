/** The audit log on the wire: GET /api/audit (admins), newest first, a page at a time. */
import { Type, type Static } from 'typebox';
import { Timestamp } from './envelope.ts';

/** One audited action: who did what to which target, from where, and its details (any JSON). */
export const AuditEntryWire = Type.Object({
  id: Type.Number(),
  at: Timestamp,
  actor: Type.String(),
  role: Type.String(),
  action: Type.String({ description: "e.g. 'PUT /api/plant/setpoints/:id' or 'setpoint.change'" }),
  target: Type.Union([Type.String(), Type.Null()]),
  origin: Type.Union([Type.String(), Type.Null()], { description: "where a command came from, e.g. 'operator', 'optimizer'; null: not said" }),
  detail: Type.Unknown({ description: "for plant commands: previous and new value and the plant's acknowledgement" }),
});
export type AuditEntryWire = Static<typeof AuditEntryWire>;

/** A page; pass `nextCursor` as `cursor` for the next (older) one. `total`: entries matching the filters. */
export const AuditPageWire = Type.Object({
  entries: Type.Array(AuditEntryWire),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Number(),
});
export type AuditPageWire = Static<typeof AuditPageWire>;

export const AuditQueryWire = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type AuditQueryWire = Static<typeof AuditQueryWire>;
