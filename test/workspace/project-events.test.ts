/**
 * The life of a project page's event stream, over real HTTP with a project whose change mark the
 * test moves: an event per change, the end after its longest time (the browser reconnects and passes
 * the session check again), the end once the project leaves the person's scope, and the end at
 * shutdown instead of holding it for its grace time. Temporal is left out: scope.describe is the one
 * call the stream makes, and project-page.test.ts runs it against the real dev server.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import express from 'express';
import { createProjectEvents } from '../../api/workspace/project-events';
import { noSuchProject } from '../../api/project-scope';
import type { Sessions, SignedIn } from '../../api/session/sessions';
import type { WorkspaceDependencies } from '../../api/workspace/context';
import { createLogger } from '../../config/logger';
import { eventually } from '../helpers/harness';

let historyLength = 10;
let visible = true;
let server: Server;
let baseUrl: string;

const signedIn = {
  session: { digest: 'session-1' },
  principal: { email: 'a@x.example' },
} as unknown as SignedIn;

function start(options: Parameters<typeof createProjectEvents>[1]) {
  const scope = {
    describe: () =>
      visible
        ? Promise.resolve({ runId: '0a1b-2c3d', historyLength } as WorkflowExecutionDescription)
        : Promise.reject(noSuchProject()),
  } as unknown as WorkspaceDependencies['scope'];
  const sessions = { current: () => signedIn } as unknown as Sessions;
  const app = express();
  app.get('/events/:id', createProjectEvents({ scope, sessions, logger: createLogger('error') }, options));
  server = createServer(app);
  return new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

afterEach(async () => {
  historyLength = 10;
  visible = true;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Everything the stream sends until it ends. */
const readAll = (response: Response): Promise<string> => response.text();

test('one event per change, with the new mark; none while nothing changes', async () => {
  await start({ pollMs: 50, streamMs: 1_000 });
  const response = await fetch(`${baseUrl}/events/project-1`);
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (wanted: string) => {
    while (!text.includes(wanted)) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the stream ended before "${wanted}"`);
      text += decoder.decode(value, { stream: true });
    }
  };
  await readUntil('retry:');
  historyLength = 12;
  await readUntil('0a1b-2c3d.12');
  historyLength = 15;
  await readUntil('0a1b-2c3d.15');
  await reader.cancel();
  expect(text.match(/event: changed/g)).toHaveLength(2);
});

test('a page read before a change hears of it at once (its mark is older than the project)', async () => {
  await start({ pollMs: 50, streamMs: 300 });
  historyLength = 20;
  const text = await readAll(await fetch(`${baseUrl}/events/project-1?since=0a1b-2c3d.10`));
  expect(text).toContain('data: {"version":"0a1b-2c3d.20"}');
});

test('a stream ends after its longest time, and when the project leaves the scope', async () => {
  await start({ pollMs: 50, streamMs: 200 });
  const quiet = await readAll(await fetch(`${baseUrl}/events/project-1`));
  expect(quiet).toContain('retry:');
  expect(quiet).not.toContain('event:');
  const response = await fetch(`${baseUrl}/events/project-1`);
  expect(response.status).toBe(200);
  visible = false;
  expect(await readAll(response)).toMatch(/^retry: \d+\n\n$/);
  expect((await fetch(`${baseUrl}/events/project-1`)).status).toBe(404);
});

test('a shutting-down server ends its streams at the next poll, not after its grace time', async () => {
  await start({ pollMs: 50, streamMs: 60_000 });
  const response = await fetch(`${baseUrl}/events/project-1`);
  expect(response.status).toBe(200);
  let ended = false;
  const reading = readAll(response).then(() => {
    ended = true;
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await eventually(() => Promise.resolve(ended), 5_000, 20);
  await reading;
  await closed;
  // afterEach closes it again: listen once more so that works.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
