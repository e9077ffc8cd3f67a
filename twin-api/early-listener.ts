/**
 * The server's socket, listening before the twin is built: while the store opens and the models load,
 * GET /api/health answers at once with what is starting and every other request gets a 503 saying
 * so. `serve(app)` then hands every request and WebSocket upgrade to the fastify app, which never
 * listens itself (fastify's `routing` is its request handler; @fastify/websocket upgrades on
 * `app.server`). `stopAccepting()` is the first step of a shutdown.
 *
 * @example
 * const l = await listenEarly({ port, host, startingHealth: () => phases.health() });
 * const twin = await createTwinServices(config); await l.serve(twin.app);
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

export interface EarlyListener {
  readonly server: Server;
  /** From now on the app answers everything. */
  serve(app: FastifyInstance): Promise<void>;
  /** Refuses new connections and closes idle ones; requests in flight finish (or fail as their services close). */
  stopAccepting(): Promise<void>;
  /** Drops every connection still open (the end of a shutdown). */
  dropConnections(): void;
}

const STARTING = JSON.stringify({ data: null, error: { code: 'TWIN_ERR_UNAVAILABLE', message: 'the twin is starting: try again in a moment (GET /api/health shows its progress)' } });

export async function listenEarly(opts: { port: number; host: string; startingHealth: () => unknown }): Promise<EarlyListener> {
  let app: FastifyInstance | null = null;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (app) return app.routing(req, res);
    const health = req.method === 'GET' && (req.url === '/api/health' || req.url?.startsWith('/api/health?'));
    res.writeHead(health ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', ...(health ? { 'cache-control': 'no-store' } : { 'retry-after': '5' }) });
    res.end(health ? JSON.stringify({ data: opts.startingHealth(), error: null }) : STARTING);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (app) {
      app.server.emit('upgrade', req, socket, head);
      return;
    }
    socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closed: Promise<void> | null = null;
  return {
    server,
    async serve(a) {
      await a.ready();
      app = a;
    },
    stopAccepting() {
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Resolves once every connection has ended; the caller bounds the wait with its deadline.
      return closed;
    },
    dropConnections() {
      server.closeAllConnections();
    },
  };
}
