/**
 * The request a piece of work belongs to, carried across awaits (AsyncLocalStorage): the API sets it
 * per HTTP request, the worker per activity. The logger stamps every line with it, and the API's
 * Temporal client sends it to the workflow as the `request-id` header (api/observability.ts), so one
 * id follows a request from the API into the workflow's audit entry and the mail activity's log.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** Ids a client may choose (`X-Request-Id`): short, and nothing that could smuggle a log line or a token. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/** The client's id when it is a plausible one (a proxy's or a caller's), otherwise a fresh UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && ACCEPTED_REQUEST_ID.test(header) && !header.startsWith('v1.')
    ? header
    : randomUUID();
}
