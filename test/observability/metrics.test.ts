/**
 * The API's metrics in-process: who may read /metrics without a token, and Temporal calls that get
 * no answer (a real client towards an address where nothing listens).
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { apiRegistry } from '../../api/metrics';
import { createApp } from '../../api/app';
import { TemporalUnavailableError, createTemporalCalls } from '../../api/temporal-calls';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { freePorts } from '../helpers/npm-start';
import { parseMetrics, total } from './stack';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  const [port] = await freePorts(1);
  connection = Connection.lazy({ address: `127.0.0.1:${port}` });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
});

const series = async () => parseMetrics(await apiRegistry.metrics());

test('without METRICS_TOKEN, /metrics answers callers on this machine and nobody a proxy forwards', async () => {
  const app = createApp({ client, config: loadConfig({ NODE_ENV: 'test' }), logger: createLogger('error') });
  const local = await request(app).get('/metrics');
  expect(local.status).toBe(200);
  expect(local.text).toContain('# TYPE http_request_duration_seconds histogram');
  expect((await request(app).get('/metrics').set('X-Forwarded-For', '203.0.113.7')).status).toBe(404);
  expect((await request(app).get('/metrics').set('Forwarded', 'for=203.0.113.7')).status).toBe(404);
});

test('with METRICS_TOKEN, /metrics needs it, also from this machine', async () => {
  const token = 'a-metrics-token-0123456789';
  const app = createApp({
    client,
    config: loadConfig({ NODE_ENV: 'test', METRICS_TOKEN: token }),
    logger: createLogger('error'),
  });
  expect((await request(app).get('/metrics')).status).toBe(404);
  expect(
    (await request(app).get('/metrics').set('Authorization', 'Bearer not-the-token-0123456789')).status,
  ).toBe(404);
  expect((await request(app).get('/metrics').set('Authorization', `Bearer ${token}`)).status).toBe(200);
});

test('a Temporal call without an answer in time is counted as unavailable, and a named one is timed', async () => {
  const calls = createTemporalCalls(client, 300);
  const before = await series();
  await expect(
    calls.within(() => client.workflowService.listWorkflowExecutions({ namespace: 'default' }), 'list'),
  ).rejects.toThrow(TemporalUnavailableError);
  const after = await series();
  expect(
    total(after, 'temporal_client_unavailable_total') - total(before, 'temporal_client_unavailable_total'),
  ).toBe(1);
  const timed = { operation: 'list', outcome: 'error' };
  expect(
    total(after, 'temporal_client_request_duration_seconds_count', timed) -
      total(before, 'temporal_client_request_duration_seconds_count', timed),
  ).toBe(1);
  await calls.settled();
});
