/**
 * How the API and the activities tell "Temporal (or a worker) did not answer" from a real answer:
 * a deadline, an unreachable cluster, a task queue nobody polls. Shared by both, so a query that
 * finds no worker means the same in a route and in an activity.
 */
import {
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';

/** Temporal did not answer in time or could not be reached: the request may be retried later. */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
}

/**
 * gRPC codes that mean "not now" rather than "no": the deadline passed, the server (or the
 * connection to it) is unavailable, the call was cancelled by our own deadline, or the server is
 * shedding load.
 */
export const GrpcCode = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  /** No worker polls the task queue: nobody is there to answer a query. */
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
} as const;
const UNAVAILABLE_CODES = new Set<number>([
  // A query to a workflow whose task queue no worker polls: nobody there to answer.
  GrpcCode.FAILED_PRECONDITION,
  GrpcCode.DEADLINE_EXCEEDED,
  GrpcCode.UNAVAILABLE,
  GrpcCode.CANCELLED,
  GrpcCode.RESOURCE_EXHAUSTED,
]);

/** The gRPC status code of an error from the client (raw, or wrapped in the SDK's ServiceError). */
export function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) return error.cause.code;
  return undefined;
}

/** True for failures that say Temporal (or a worker) did not answer, as opposed to a real answer. */
export function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof TemporalUnavailableError) return true;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(error);
  return code !== undefined && UNAVAILABLE_CODES.has(code);
}
