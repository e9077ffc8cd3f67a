import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { MAX_CLIENT_MESSAGE_BYTES } from '../ws/hub-options.ts';
import type { WsHub } from '../ws/hub.ts';

/** GET /ws: the live channels (protocol/ws.ts). Reads need the viewer role, checked at upgrade. */
export function wsRoutes(hub: WsHub) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES } });
    app.get('/ws', { websocket: true, onRequest: requireRole(ctx.auth, 'viewer'), schema: { hide: true } }, (socket) => {
      hub.attach(socket);
    });
  };
}
