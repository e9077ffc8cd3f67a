import { beforeEach, describe, expect, it } from 'vitest';
import { AuditCursorError, type AuditEntry, type AuditQuery, type AuditStore } from './audit-store.ts';
import type { SqlClient } from './sql-client.ts';
import { DAY_MS, T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** Every page of a query, following the cursors. */
async function allPages(store: AuditStore, q: AuditQuery): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.listAudit({ ...q, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page.entries);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
}

/** The behaviour every `AuditStore` adapter must show. `db` is the raw client, to try changing the log behind the port. */
export function describeAuditStoreContract(label: string, open: OpenStore<AuditStore & { readonly db: SqlClient }>): void {
  describe(`AuditStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: AuditStore & { readonly db: SqlClient };
    beforeEach(() => {
      store = s.current();
    });

    it('appends to the audit log and lists it newest first; UPDATE, DELETE and TRUNCATE are refused', async () => {
      const first = await store.appendAudit({ atMs: T0, actor: 'ana', role: 'operator', action: 'alert.ack', target: 'alert-1', detail: { note: 'seen' } });
      await store.appendAudit({ atMs: T0 + 1, actor: 'bo', role: 'admin', action: 'settings.put', target: null, detail: null });
      expect(first).toMatchObject({ atMs: T0, actor: 'ana', role: 'operator', action: 'alert.ack', target: 'alert-1', detail: { note: 'seen' } });
      expect((await store.listAudit({ limit: 10 })).entries.map((e) => e.actor)).toEqual(['bo', 'ana']);
      expect((await store.listAudit({ actor: 'ana', limit: 10 })).entries).toEqual([first]);
      expect((await store.listAudit({ action: 'settings.put', fromMs: T0, toMs: T0 + 2, limit: 10 })).entries.map((e) => e.actor)).toEqual(['bo']);

      await expect(store.db.query(`UPDATE audit_log SET actor = 'mallory' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
      await expect(store.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(store.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      expect((await store.listAudit({ actor: 'ana', limit: 10 })).entries).toEqual([first]);
    });

    it("keeps a command's origin and details: actor, role, previous and new value, the plant's acknowledgement", async () => {
      const detail = { previous: 1450, value: 1460, unit: '°C', ack: { ok: true, atMs: T0 + 3 } };
      const e = await store.appendAudit({ atMs: T0 + 2, actor: 'cy', role: 'engineer', action: 'setpoint.change', target: 'Line_A.furnace_temp', origin: 'optimizer', detail });
      expect(e).toEqual({ id: expect.any(Number), atMs: T0 + 2, actor: 'cy', role: 'engineer', action: 'setpoint.change', target: 'Line_A.furnace_temp', origin: 'optimizer', detail });
      expect((await store.listAudit({ actor: 'cy', limit: 10 })).entries).toEqual([e]);
      // Entries appended without an origin say so.
      expect((await store.listAudit({ actor: 'ana', limit: 10 })).entries[0]!.origin).toBeNull();
    });

    it('round-trips unicode in every text field and in the details', async () => {
      const text = { actor: 'Zoë Ødegård 操作员', target: 'Líne_Ä.fürnace 🔥', action: 'note.añadir', detail: { note: 'Ünïcødé ✓ — «quoted» \\ "and" 日本語 🚀', empty: '' } };
      const e = await store.appendAudit({ atMs: T0 + 4, role: 'operator', origin: 'opérateur', ...text });
      expect(e).toMatchObject({ ...text, origin: 'opérateur' });
      expect((await store.listAudit({ actor: text.actor, action: text.action, limit: 1 })).entries).toEqual([e]);
    });

    it('pages through the log newest first: every entry exactly once, in order, with ties in time broken by id', async () => {
      // 23 entries of one actor over 12 distinct times (pairs share a millisecond), appended out of time order.
      const times = Array.from({ length: 23 }, (_, i) => T0 + DAY_MS + Math.floor(((i * 7) % 23) / 2) * 1000);
      const appended: AuditEntry[] = [];
      for (const [i, atMs] of times.entries()) appended.push(await store.appendAudit({ atMs, actor: 'pager', role: 'operator', action: i % 2 ? 'odd' : 'even', target: `t-${i}`, detail: { i } }));
      const newestFirst = [...appended].sort((a, b) => b.atMs - a.atMs || b.id - a.id);
      for (const limit of [1, 5, 10, 23, 50]) {
        const pages = await allPages(store, { actor: 'pager', limit });
        expect(pages.flat()).toEqual(newestFirst);
        expect(pages.every((p, i) => p.length === limit || i === pages.length - 1)).toBe(true);
        expect(pages.at(-1)!.length).toBeGreaterThan(0);
      }
      const odd = (await allPages(store, { actor: 'pager', action: 'odd', limit: 4 })).flat();
      expect(odd).toEqual(newestFirst.filter((e) => e.action === 'odd'));
      const fromMs = T0 + DAY_MS + 3000;
      const toMs = T0 + DAY_MS + 8000;
      expect((await allPages(store, { actor: 'pager', fromMs, toMs, limit: 3 })).flat()).toEqual(newestFirst.filter((e) => e.atMs >= fromMs && e.atMs < toMs));
      expect(await store.countAudit({ actor: 'pager' })).toBe(23);
      expect(await store.countAudit({ actor: 'pager', action: 'odd' })).toBe(11);
      expect(await store.countAudit({ actor: 'pager', fromMs, toMs })).toBe(newestFirst.filter((e) => e.atMs >= fromMs && e.atMs < toMs).length);
      expect(await store.countAudit()).toBeGreaterThanOrEqual(23 + 4);
    });

    it('keeps a page boundary stable while newer entries are appended', async () => {
      for (let i = 0; i < 6; i++) await store.appendAudit({ atMs: T0 + 2 * DAY_MS + i, actor: 'steady', role: 'admin', action: 'a', target: null, detail: i });
      const first = await store.listAudit({ actor: 'steady', limit: 3 });
      await store.appendAudit({ atMs: T0 + 3 * DAY_MS, actor: 'steady', role: 'admin', action: 'a', target: null, detail: 'newer' });
      const second = await store.listAudit({ actor: 'steady', limit: 3, cursor: first.nextCursor! });
      expect([...first.entries, ...second.entries].map((e) => e.detail)).toEqual([5, 4, 3, 2, 1, 0]);
      expect(second.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not hand out', async () => {
      for (const cursor of ['', 'abc', '12', '1.2.3', '1e5.1']) await expect(store.listAudit({ limit: 1, cursor })).rejects.toThrow(AuditCursorError);
    });

    it('keeps the log across a close and reopen', async () => {
      const before = await store.countAudit();
      const fresh = await s.reopen();
      expect(await fresh.countAudit()).toBe(before);
      expect((await fresh.listAudit({ actor: 'cy', limit: 1 })).entries[0]).toMatchObject({ origin: 'optimizer', detail: { previous: 1450, value: 1460 } });
    });
  });
}
