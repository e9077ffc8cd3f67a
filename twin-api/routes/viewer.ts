import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../app.ts';

/** Paths that belong to the API: an unknown one is a 404 envelope, never the viewer's page. */
const API_PREFIXES = ['/api/', '/api?', '/ws', '/metrics', '/docs', '/openapi.json'];

/**
 * Serves the built viewer (viewer/dist) at `/`. Hashed assets are cached for a year; index.html is
 * never cached, so a rebuilt viewer is picked up on reload.
 */
export function viewerRoutes(distDir: string): RoutePlugin {
  return async (app) => {
    if (!existsSync(join(distDir, 'index.html'))) return;
    // `/` is the app itself (the static plugin would answer a directory with 403).
    app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(distDir, reply));
    await app.register(fastifyStatic, {
      root: distDir,
      // Looked up per request, so a rebuilt viewer (new hashed asset names) is served without a restart.
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  };
}

/**
 * The single-page app's fallback: a browser asking for a client-side route (`/assets/pump-1`, `/`)
 * gets index.html; API paths and non-HTML requests keep their 404 envelope.
 */
export function viewerFallback(distDir: string): (req: FastifyRequest, reply: FastifyReply) => boolean {
  const indexPath = join(distDir, 'index.html');
  return (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (API_PREFIXES.some((p) => req.url === p.replace(/[/?]$/, '') || req.url.startsWith(p))) return false;
    const accept = req.headers.accept ?? '';
    if (req.url !== '/' && !accept.includes('text/html')) return false;
    if (!existsSync(indexPath)) return false;
    void sendIndex(distDir, reply);
    return true;
  };
}

function sendIndex(distDir: string, reply: FastifyReply): FastifyReply {
  return reply.status(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(join(distDir, 'index.html')));
}
