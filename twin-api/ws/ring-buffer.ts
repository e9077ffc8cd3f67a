import type { Channel } from '../../protocol/ws.ts';

/** What the hub keeps of a published message, for fan-out and for resume. */
export interface Published {
  readonly seq: number;
  readonly channel: Channel;
  readonly t: string;
  readonly data: unknown;
  /** The assets the message concerns; null: plant-wide. */
  readonly assets: readonly string[] | null;
}

export type Since =
  | { readonly kind: 'ok'; readonly messages: readonly Published[] }
  /** Messages after `lastSeq` were already evicted (or the seq is from before a server restart). */
  | { readonly kind: 'gap' };

/** The last `capacity` published messages, in seq order; a fixed array so memory stays flat. */
export class RingBuffer {
  private readonly slots: (Published | undefined)[];
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<Published | undefined>(capacity);
  }

  push(m: Published): void {
    if (this.size < this.capacity) {
      this.slots[(this.start + this.size) % this.capacity] = m;
      this.size++;
    } else {
      this.slots[this.start] = m;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /**
   * The messages with seq > lastSeq, given the hub's latest seq. A gap when some of them are
   * gone, or when lastSeq is ahead of the hub (the client saw another server's numbering).
   */
  since(lastSeq: number, latestSeq: number): Since {
    if (lastSeq > latestSeq) return { kind: 'gap' };
    if (lastSeq === latestSeq) return { kind: 'ok', messages: [] };
    const oldest = this.size === 0 ? latestSeq + 1 : this.slots[this.start]!.seq;
    if (lastSeq + 1 < oldest) return { kind: 'gap' };
    const out: Published[] = [];
    for (let i = lastSeq + 1 - oldest; i < this.size; i++) out.push(this.slots[(this.start + i) % this.capacity]!);
    return { kind: 'ok', messages: out };
  }
}
