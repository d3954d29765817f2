/**
 * GET /work/projects/:id/events — Server-Sent Events that tell an open project page the project
 * changed (a mailed decision, a timer, someone else's action), so live.js can refresh it.
 *
 * One poller per open stream asks Temporal's describe (cheap: no worker, no replay) every few
 * seconds and compares the project's change mark: its run and history length. The same scope check
 * as the page runs at the start and on every poll. A stream lasts a few minutes at most; the browser
 * reconnects on its own, and the reconnect passes the session check again (so a signed-out session
 * is not kept informed). A session holds a few streams at most (a few tabs), never one per poll.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Request, Response } from 'express';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { slug } from '../../domain/schemas';
import { HttpError } from '../errors';
import { noSuchProject } from '../project-scope';
import type { WorkspaceDependencies } from './context';

/** What changes whenever the project does: a new history event, or a new run after continue-as-new. */
export const changeMarkOf = (description: WorkflowExecutionDescription): string =>
  `${description.runId}.${description.historyLength}`;

const CHANGE_MARK = /^[0-9a-f-]{1,64}\.\d{1,10}$/;

export interface ProjectEventOptions {
  pollMs?: number;
  /** After this long the server ends the stream and the browser reconnects (a fresh session check). */
  streamMs?: number;
  streamsPerSession?: number;
}

export function createProjectEvents(
  { scope, sessions, logger }: Pick<WorkspaceDependencies, 'scope' | 'sessions' | 'logger'>,
  { pollMs = 2_000, streamMs = 5 * 60_000, streamsPerSession = 4 }: ProjectEventOptions = {},
) {
  const openStreams = new Map<string, number>();

  return async function projectEvents(req: Request, res: Response): Promise<void> {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const id = slug.safeParse(req.params.id);
    let first: WorkflowExecutionDescription;
    try {
      if (!id.success) throw noSuchProject();
      first = await scope.describe(signedIn.principal, id.data);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return void res.status(404).end();
      // Temporal slow: the browser tries again later (the retry below is sent only on a stream).
      return void res.status(503).set('Retry-After', '5').end();
    }
    const projectId = id.data;
    const key = signedIn.session.digest;
    const streams = openStreams.get(key) ?? 0;
    if (streams >= streamsPerSession) return void res.status(429).set('Retry-After', '30').end();
    openStreams.set(key, streams + 1);

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${Math.max(pollMs, 3_000)}\n\n`);

    const since =
      typeof req.query.since === 'string' && CHANGE_MARK.test(req.query.since) ? req.query.since : undefined;
    let seen = since ?? changeMarkOf(first);
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const startedAt = Date.now();

    const tell = (mark: string) => {
      if (mark === seen) return;
      seen = mark;
      res.write(`event: changed\ndata: ${JSON.stringify({ version: mark })}\n\n`);
    };
    const stop = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      const left = (openStreams.get(key) ?? 1) - 1;
      if (left > 0) openStreams.set(key, left);
      else openStreams.delete(key);
      res.end();
    };
    // The HTTP server of this request: once it stops listening (shutdown, api/main.ts) the stream
    // ends at the next poll, instead of holding the shutdown for its whole grace time.
    const server = (req.socket as Socket & { server?: Server }).server;
    const poll = async () => {
      if (closed) return;
      if (Date.now() - startedAt >= streamMs || server?.listening === false) return stop();
      try {
        tell(changeMarkOf(await scope.describe(signedIn.principal, projectId)));
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return stop();
        // A slow or unreachable Temporal: keep the stream and try at the next poll.
        logger.warn('a project page stream could not read the project', { error: (error as Error).message });
      }
      if (!closed) timer = setTimeout(() => void poll(), pollMs);
    };

    res.on('close', stop);
    tell(changeMarkOf(first));
    timer = setTimeout(() => void poll(), pollMs);
  };
}
