/**
 * The logger (pino): JSON lines, errors with stack and cause, request ids, and link tokens redacted
 * in every spelling the router accepts, over real HTTP against the app on the suite's dev server.
 */
import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LinkSigner } from '../../activities/links';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/config';
import { createLogger, redactText, sanitizePath, serializeError } from '../../config/logger';
import { runWithRequestId } from '../../config/request-context';
import { SIGNING_KEYS, devServerEnvironment } from '../helpers/harness';
import { metricNamesIn } from './stack';

describe('log lines', () => {
  test('are JSON with time, level name and message, and carry the request id of the work they belong to', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { service: 'test' }, (line) => lines.push(line));
    logger.debug('not at info');
    runWithRequestId('request-0001', () => logger.info('inside', { n: 1 }));
    logger.child({ part: 'child' }).warn('outside');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        service: 'test',
        requestId: 'request-0001',
        n: 1,
        msg: 'inside',
      },
      { time: expect.any(String), level: 'warn', service: 'test', part: 'child', msg: 'outside' },
    ]);
  });

  test('an error keeps its type, message, stack and whole cause chain, with tokens redacted', () => {
    const token = new LinkSigner(SIGNING_KEYS).sign({
      k: 'decision',
      p: 'p',
      g: 'circular-need',
      r: 1,
      a: 'a@b.example',
      e: Date.now(),
    });
    const root = new TypeError(`fetch /d/${token} failed`);
    const error = new Error('the page failed', { cause: new Error('the query failed', { cause: root }) });
    const lines: string[] = [];
    createLogger('info', {}, (line) => lines.push(line)).error('request failed', { error });
    const logged = JSON.parse(lines[0] as string) as { error: Record<string, unknown> };
    expect(logged.error).toMatchObject({
      type: 'Error',
      message: 'the page failed',
      stack: expect.stringContaining('logging.test.ts'),
      cause: {
        type: 'Error',
        message: 'the query failed',
        cause: { type: 'TypeError', message: 'fetch /d/[redacted] failed', stack: expect.any(String) },
      },
    });
    expect(lines[0]).not.toContain(token.split('.')[3]);
    expect(serializeError(new Error('x', { cause: 'a plain reason' }))).toMatchObject({
      cause: 'a plain reason',
    });
    const aggregate = serializeError(new AggregateError([new Error('one'), new Error('two')], 'both'));
    expect(aggregate).toMatchObject({ aggregateErrors: [{ message: 'one' }, { message: 'two' }] });
  });

  test('texts and paths lose tokens however they are written, and keep what is not a token', () => {
    const token = 'v1.k2026.eyJrIjoiZGVjaXNpb24ifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
    const encoded = token.replaceAll('.', '%2E');
    for (const text of [
      `/d/${token}`,
      `/D/${token}`,
      `/d/./${token}`,
      `/d/${encoded}`,
      `/%64/${token}`,
      `/d%2F${token}`,
      `see ${token} here`,
      `x ${encoded} y`,
    ]) {
      expect(redactText(text)).not.toMatch(/c2lnbmF0dXJl|eyJrIjoi/);
    }
    expect(redactText('GET /api/projects/office-chairs-2026 and /d/:token')).toBe(
      'GET /api/projects/office-chairs-2026 and /d/:token',
    );
    expect(sanitizePath(`/D/${encoded}/delegate?lang=en`)).toBe('/d/[redacted]/delegate');
    expect(sanitizePath(`/x/../d/./${token}`)).toBe('/x/../d/[redacted]');
    expect(sanitizePath(`/api/projects/${token}`)).toBe('/api/projects/[redacted]');
    expect(sanitizePath('/api/projects/office-chairs-2026/audit?x=1')).toBe(
      '/api/projects/office-chairs-2026/audit',
    );
  });

  test('the PromQL reader of the dashboard test finds metric names, not functions or labels', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="api"}[5m]))) + sum(temporal_sticky_cache_size)',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'temporal_sticky_cache_size']);
  });
});

describe('the request log of the link pages', () => {
  let env: TestWorkflowEnvironment;
  let server: Server;
  let baseUrl: string;
  const lines: string[] = [];
  const token = new LinkSigner(SIGNING_KEYS).sign({
    k: 'decision',
    p: `no-such-project-${Date.now()}`,
    g: 'circular-need',
    r: 1,
    a: 'bram.desmet@gent.example',
    e: Date.now() + 86_400_000,
  });
  const everyCharEncoded = [...token]
    .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .join('');

  beforeAll(async () => {
    env = await devServerEnvironment();
    const config = loadConfig({
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: env.address,
      LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      LINK_RATE_LIMIT_PER_MINUTE: '1000',
    });
    const app = createApp({
      client: env.client,
      config,
      logger: createLogger('debug', {}, (l) => lines.push(l)),
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await env?.teardown();
  });

  /** Sends the path exactly as written: fetch would resolve `./` and `../` before sending. */
  function raw(method: string, rawPath: string, headers: Record<string, string>, body = '') {
    return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}/`, { method, path: rawPath, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** [how it is written, the path, method, does it reach the token route (verified, then the project looked up)?] */
  const spellings: [string, string, 'GET' | 'POST', boolean][] = [
    ['/d/<token>', `/d/${token}`, 'GET', true],
    ['/D/<token>', `/D/${token}`, 'GET', true],
    ['/d/<token with %2E for its dots>', `/d/${token.replaceAll('.', '%2E')}`, 'GET', true],
    ['/d/<token with %2e for its dots>', `/d/${token.replaceAll('.', '%2e')}`, 'GET', true],
    ['/d/<token, every character percent-encoded>', `/d/${everyCharEncoded}`, 'GET', true],
    ['/d/<token>/', `/d/${token}/`, 'GET', true],
    ['/d/<token>?lang=en', `/d/${token}?lang=en`, 'GET', true],
    ['/d/<token>/delegate', `/d/${token}/delegate`, 'POST', true],
    ['/d/./<token>', `/d/./${token}`, 'GET', false],
    ['//d/<token>', `//d/${token}`, 'GET', false],
    ['/%64/<token>', `/%64/${token}`, 'GET', false],
    ['/d%2F<token>', `/d%2F${token}`, 'GET', false],
    ['/x/../d/<token>', `/x/../d/${token}`, 'GET', false],
  ];

  test.each(spellings)('%s is logged without the token', async (_label, spelling, method, reaches) => {
    const requestId = `redaction-${Math.random().toString(36).slice(2, 12)}`;
    const response = await raw(
      method,
      spelling,
      {
        'x-request-id': requestId,
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      method === 'POST' ? 'name=A&email=a%40b.example' : '',
    );
    expect(response.status).toBe(404);
    expect(response.headers['x-request-id']).toBe(requestId);
    const mine = lines.filter((line) => line.includes(requestId));
    const access = mine
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l.msg === 'request');
    expect(access).toMatchObject({ method, status: 404, path: expect.stringContaining('[redacted]') });
    // A valid token that reached its route was verified, and its project looked up: "not found".
    expect(access?.outcome).toBe(reaches ? 'not-found' : undefined);
    const signature = token.split('.')[3] as string;
    const claims = token.split('.')[2] as string;
    for (const line of lines) {
      expect(line).not.toContain(signature);
      expect(line).not.toContain(claims);
    }
  });

  test('a client’s request id is used when plausible and replaced when not', async () => {
    const kept = await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'proxy-id-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-id-12345');
    const replaced = await fetch(`${baseUrl}/healthz`, {
      headers: { 'x-request-id': 'not {an} id "at all"' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
