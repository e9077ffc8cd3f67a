import type { Channel } from '../../protocol/ws.ts';

/** The queued (non-sensor) channels, in the order a full client queue sheds them: first dropped first. */
export const DROP_ORDER = ['quality', 'predictions', 'recommendations', 'state', 'events', 'alerts'] as const satisfies readonly Channel[];
// Every channel but sensors is queued: a channel added to the protocol must take its place above.
const everyChannelQueued: Exclude<Channel, 'sensors'> extends (typeof DROP_ORDER)[number] ? true : never = true;
void everyChannelQueued;
export type QueuedChannel = (typeof DROP_ORDER)[number];

/**
 * Channels that carry periodic snapshots: the next message supersedes an old one, so dropping an
 * old one costs freshness, not correctness. The others carry events (an alert raised, a state
 * changed, a recommendation made, a defect found); losing one leaves the client's view wrong until it re-reads.
 */
export const SNAPSHOT_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['quality', 'predictions']);

/** Why a message meant for a client was not sent as itself. */
export type DropReason =
  /** A sensors frame merged into a newer pending one because the client could not keep up. */
  | 'conflated'
  /** A sensors frame merged into the next one to respect the client's maxRateHz. */
  | 'rate'
  /** A queued message discarded because the client's queue was full. */
  | 'overflow';
export const DROP_REASONS: readonly DropReason[] = ['conflated', 'rate', 'overflow'];
