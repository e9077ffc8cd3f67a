import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { viewerFallback, viewerRoutes } from './routes/viewer.ts';
import { testAuth } from './test-app.test-helper.ts';

describe('serving the viewer', () => {
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'twin-viewer-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Twinworks</title>');
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = await buildApp({ auth: testAuth(), routes: [viewerRoutes(dist)], notFoundFallback: viewerFallback(dist) });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / without caching it', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<title>Twinworks</title>');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await app.inject({ url: '/assets/app-1a2b.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('answers a browser on a client-side route with the app', async () => {
    const res = await app.inject({ url: '/assets-view/pump-1', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Twinworks');
  });

  it('keeps the 404 envelope for unknown API routes, even for a browser', async () => {
    const res = await app.inject({ url: '/api/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ data: null, error: { code: 'TWIN_ERR_NOT_FOUND', message: 'no route GET /api/nothing-here' } });
  });

  it('keeps the 404 envelope for a missing asset fetched by a script', async () => {
    const res = await app.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TWIN_ERR_NOT_FOUND');
  });

  it('serves assets of a rebuild made while the server runs', async () => {
    writeFileSync(join(dist, 'assets', 'app-9z8y.js'), 'console.log(2)');
    const res = await app.inject({ url: '/assets/app-9z8y.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('serves nothing at / when the viewer was never built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'twin-noviewer-'));
    const bare = await buildApp({ auth: testAuth(), routes: [viewerRoutes(empty)], notFoundFallback: viewerFallback(empty) });
    const res = await bare.inject({ url: '/' });
    expect(res.statusCode).toBe(404);
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  });
});
