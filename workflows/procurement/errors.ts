/** Errors that reject an update; the API maps the failure type to an HTTP status. */
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType } from '../../domain/failure-types';
import { describeIssues } from '../../domain/schemas';

export function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FailureType.invalidInput);
}
export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FailureType.wrongState);
}
export function forbidden(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FailureType.notAllowed);
}

export function parseOrReject<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(describeIssues(result.error));
  return result.data;
}
