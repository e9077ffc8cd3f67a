import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { MAX_CLIENT_MESSAGE_BYTES } from '../ws/hub-options.ts';
import type { WsHub } from '../ws/hub.ts';

/** GET /ws: the live channels (protocol/ws.ts). Reads need the viewer role, checked at upgrade. */
export function wsRoutes(hub: WsHub) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    // A browser's API key rides in a `twin-key.` sub-protocol (auth.ts); the server always answers with
    // `twinworks`, so the key is never echoed back in the handshake response.
    await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES, handleProtocols: (offered) => (offered.has('twinworks') ? 'twinworks' : false) } });
    app.get('/ws', { websocket: true, onRequest: requireRole(ctx.auth, 'viewer'), schema: { hide: true } }, (socket) => {
      hub.attach(socket);
    });
  };
}
