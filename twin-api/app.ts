import fastifyJwt from '@fastify/jwt';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { TEXT_PATTERN, TEXT_PATTERN_MESSAGE } from '../protocol/text.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { AuthConfig } from './auth.ts';
import type { LogLevel } from './config.ts';
import { fieldPath, TwinApiError } from './errors.ts';
import { strictResponseCheck } from './strict-responses.ts';
import { isStoreUnavailable } from './store/store-errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's writes are audited by the service it calls (plant commands), not by the generic hook. */
    auditedByService?: boolean;
  }
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly detail: Record<string, unknown>;
}

/** What every route plugin receives. */
export interface AppContext {
  readonly auth: AuthConfig;
  /** Appends to the audit log (a no-op without a store); resolves once stored. */
  readonly audit: (entry: AuditEntry) => void | Promise<void>;
}

export type RoutePlugin = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;

export interface AppOptions {
  readonly auth: AuthConfig;
  readonly audit?: (entry: AuditEntry) => void | Promise<void>;
  readonly routes: readonly RoutePlugin[];
  /**
   * Structured JSON logs (fastify's pino): every 5xx is logged at `error` with its request id
   * (`reqId`). Without it, nothing is logged. `stream` replaces stdout (tests).
   */
  readonly log?: { readonly level: LogLevel; readonly stream?: { write(line: string): void } };
  /**
   * Fail (500, logged) a response carrying a property its schema does not declare, which the
   * serializer would otherwise silently drop. For tests: it costs a validation per response.
   */
  readonly strictResponses?: boolean;
  readonly bodyLimit?: number;
  /** Serves a page for unknown routes it recognises (the viewer's client-side routes); true when it replied. */
  readonly notFoundFallback?: (req: FastifyRequest, reply: FastifyReply) => boolean;
}

/** The path without its query (which may carry what the log should not). */
const routeOf = (req: FastifyRequest) => req.url.split('?')[0];

/** `{ data, error: null }` */
export function ok<T>(data: T): { data: T; error: null } {
  return { data, error: null };
}

/**
 * Builds the API without listening: tests call `app.inject()`, twin-api/server.ts calls `listen`.
 * Every response is an envelope; every input is schema-checked; nothing returns a stack trace.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.log ? { level: options.log.level, ...(options.log.stream ? { stream: options.log.stream } : {}) } : false,
    // No line per request: the 5xx lines are the ones someone has to read.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { maxParamLength: 500 },
    // Errors the router raises before any route runs (bad %-escapes, over-long ids) get the envelope too.
    frameworkErrors: (err, _req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      // frameworkErrors' reply type only admits the route's declared codes; this handler serves every route.
      void (reply as { status(code: number): { send(body: unknown): unknown } }).status(status).send({ data: null, error: { code: 'TWIN_ERR_BAD_REQUEST', message: err.code === 'FST_ERR_BAD_URL' ? 'path: is not a valid URL (bad %-escape)' : err.message } });
    },
  });
  const ctx: AppContext = { auth: options.auth, audit: options.audit ?? (() => {}) };
  // The response schemas document the API (OpenAPI) and are checked exact by the tests; they do not
  // serialize. fast-json-stringify would drop an undeclared property silently, throws on NaN (which
  // JSON.stringify writes as null: a model's output, a ratio), and measured 40% slower on a history
  // response of 5 × 2,000 nullable buckets (6.1 vs 4.3 ms): what goes on the wire is JSON.stringify's.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  if (options.auth.jwtSecret) await app.register(fastifyJwt, { secret: options.auth.jwtSecret });

  await app.register(fastifySwagger, {
    openapi: {
      // JSON Schema 2020-12, as TypeBox writes it (exclusiveMinimum as a number, type: 'null').
      openapi: '3.1.0',
      info: { title: 'Twinworks twin-api', version: `protocol ${PROTOCOL_VERSION}`, description: 'The live digital twin: plant, history, KPIs, alerts, what-if, shadow mode, scenarios and replay.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ apiKey: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation && err.validation.length > 0) {
      const v = err.validation[0]!;
      const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
      // An unknown field is named, so a misspelt one ("horizon" for "horizon_days") is found at once.
      const unknown = v.keyword === 'additionalProperties' ? (v.params as { additionalProperty?: string } | undefined)?.additionalProperty : undefined;
      const path = fieldPath(v.instancePath + (missing ? `/${missing}` : ''), err.validationContext);
      // A choice of literals (a union) fails once per literal: name them all instead of "must be equal to constant".
      const choices = err.validation.filter((e) => e.keyword === 'const' && e.instancePath === v.instancePath).map((e) => JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue));
      const textPattern = v.keyword === 'pattern' && (v.params as { pattern?: string } | undefined)?.pattern === TEXT_PATTERN;
      const message = missing ? 'is required' : unknown !== undefined ? `must NOT have additional properties ("${unknown}" is not a field of it)` : textPattern ? TEXT_PATTERN_MESSAGE : choices.length > 0 ? `must be ${choices.length > 1 ? 'one of ' : ''}${choices.join(', ')}` : (v.message ?? 'is invalid');
      return reply.status(400).send({ data: null, error: { code: 'TWIN_ERR_BAD_REQUEST', message: `${path}: ${message}` } });
    }
    if (err instanceof TwinApiError) {
      if (err.statusCode >= 500) req.log.error({ err }, `${err.statusCode} ${req.method} ${routeOf(req)}: ${err.message}`);
      return reply.status(err.statusCode).send({ data: null, error: { code: err.code, message: err.message } });
    }
    if (isStoreUnavailable(err)) {
      req.log.error({ err }, `503 ${req.method} ${routeOf(req)}: the history database is unavailable`);
      return reply.status(503).send({ data: null, error: { code: 'TWIN_ERR_UNAVAILABLE', message: `the history database is unavailable; try again later (logged on the server as request ${req.id})` } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ data: null, error: { code: 'TWIN_ERR_PAYLOAD_TOO_LARGE', message: 'body is too large' } });
    if (status >= 400 && status < 500) {
      const message = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'body: is not valid JSON' : err.message;
      return reply.status(status).send({ data: null, error: { code: 'TWIN_ERR_BAD_REQUEST', message } });
    }
    // The caller gets the request id, the server log the whole error under it; never the internals.
    req.log.error({ err }, `500 ${req.method} ${routeOf(req)}: ${err.message}`);
    return reply.status(500).send({ data: null, error: { code: 'TWIN_ERR_INTERNAL', message: `internal error (logged on the server as request ${req.id})` } });
  });
  app.setNotFoundHandler((req, reply) => {
    if (options.notFoundFallback?.(req, reply)) return;
    reply.status(404).send({ data: null, error: { code: 'TWIN_ERR_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  // Every successful write made through the API is audited: who, role, what, when. The entry is
  // stored before the response leaves, so a write the caller saw succeed is in the audit log; when
  // the log cannot take it, the caller gets a 503 instead of the success.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return payload;
    if (reply.statusCode >= 400 || !req.principal) return payload;
    // Plant commands are audited by the command service, with previous value and the plant's answer.
    if (req.routeOptions.config?.auditedByService) return payload;
    try {
      await ctx.audit({
        at: new Date().toISOString(),
        actor: req.principal.actor,
        role: req.principal.role,
        action: `${req.method} ${req.routeOptions.url ?? req.url}`,
        target: req.url,
        detail: { params: req.params ?? {}, body: (req.body as Record<string, unknown>) ?? {} },
      });
    } catch (err) {
      req.log.error({ err }, `503 ${req.method} ${routeOf(req)}: the audit log is unavailable`);
      reply.code(503).type('application/json');
      return JSON.stringify({ data: null, error: { code: 'TWIN_ERR_UNAVAILABLE', message: 'the audit log is unavailable: the write was made but could not be recorded' } });
    }
    return payload;
  });

  if (options.strictResponses) app.addHook('preSerialization', strictResponseCheck);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const route of options.routes) await app.register(async (scope) => route(scope, ctx));
  return app;
}
