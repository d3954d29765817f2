/** One error handler, registered last, turns every failure into a JSON answer with the right status. */
import type { ErrorRequestHandler } from 'express';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type Logger, sanitizePath } from '../config/logger';
import { FailureType } from '../domain/failure-types';
import {
  type ProblemParams,
  type RuleProblem,
  isProblemCode,
  problemText,
  problemsOfDetails,
} from '../domain/problems';
import { RETRY_AFTER_SECONDS, TemporalUnavailableError, isTemporalUnavailable } from './temporal-calls';

/** One problem of a 400/422 answer beside its text: the field it names and the rule it breaks, where known. */
export interface ProblemIssue {
  path?: string;
  message: string;
  rule?: string;
  params?: ProblemParams;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: string[],
    /** Extra response headers (Retry-After on a 503). */
    readonly headers?: Record<string, string>,
    /** The problems with their rule codes (domain/problems): additive, beside `problems` and `message`. */
    readonly issues?: ProblemIssue[],
  ) {
    super(message);
  }
}

/** The workflow's rules as the API reports them: English text, the field, the code and its parameters. */
export function issuesOfRules(problems: readonly RuleProblem[]): ProblemIssue[] {
  return problems.map((problem) => ({
    ...(problem.path ? { path: problem.path } : {}),
    message: problemText(problem.rule, problem.params, 'en') ?? problem.rule,
    rule: problem.rule,
    params: problem.params,
  }));
}

/** The rules behind an answer, for a page to say them in its reader's language; undefined unless every problem has one. */
export function ruleProblemsOf(http: HttpError): RuleProblem[] | undefined {
  const rules = http.issues?.flatMap((issue) =>
    issue.rule !== undefined && isProblemCode(issue.rule)
      ? [{ rule: issue.rule, params: issue.params ?? {}, ...(issue.path ? { path: issue.path } : {}) }]
      : [],
  );
  return rules && rules.length > 0 && rules.length === http.issues?.length ? rules : undefined;
}

/** Temporal (or every worker) did not answer in time: try again later, nothing was changed for sure. */
export function unavailable(message: string): HttpError {
  return new HttpError(503, message, undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
}

/** Update rejections from the workflow's validators carry one of these types. */
const STATUS_BY_FAILURE_TYPE: Record<string, number> = {
  [FailureType.invalidInput]: 422,
  [FailureType.wrongState]: 409,
  [FailureType.notAllowed]: 403,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isTemporalUnavailable(error)) {
    return unavailable(
      error instanceof TemporalUnavailableError
        ? error.message
        : 'Temporal is unreachable or no worker answered in time',
    );
  }
  if (error instanceof WorkflowNotFoundError) return new HttpError(404, 'no such project');
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new HttpError(409, 'a project with this id already exists');
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type && STATUS_BY_FAILURE_TYPE[cause.type]) {
      const rules = problemsOfDetails(cause.details);
      return new HttpError(
        STATUS_BY_FAILURE_TYPE[cause.type] ?? 422,
        cause.message,
        undefined,
        undefined,
        rules && issuesOfRules(rules),
      );
    }
    return new HttpError(422, cause?.message ?? error.message);
  }
  const parseError = error as { type?: string; status?: number; message?: string };
  if (parseError.type === 'entity.parse.failed')
    return new HttpError(400, 'the body is not valid JSON', ['body: invalid JSON']);
  if (parseError.type === 'entity.too.large') return new HttpError(413, 'the body is too large');
  if (typeof parseError.status === 'number' && parseError.status >= 400 && parseError.status < 500) {
    return new HttpError(parseError.status, parseError.message ?? 'bad request');
  }
  return new HttpError(500, 'something went wrong on our side');
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const http = toHttpError(error);
    const path = sanitizePath(req.originalUrl);
    // A failure while a body was streaming (a file whose checksum failed at its end): the status
    // is sent already, so the connection is cut and the client sees an incomplete answer.
    if (res.headersSent) {
      logger.error('answer failed after it started', { method: req.method, path, error });
      res.destroy();
      return;
    }
    // A 503 is an outage of Temporal or of every worker, reported once per request, without a stack.
    if (http.status === 503) logger.warn('Temporal unavailable', { method: req.method, path });
    else if (http.status >= 500) logger.error('request failed', { method: req.method, path, error });
    if (http.headers) res.set(http.headers);
    res.status(http.status).json({
      error: TITLES[http.status] ?? 'Error',
      message: http.message,
      ...(http.problems ? { problems: http.problems } : {}),
      ...(http.issues ? { issues: http.issues } : {}),
    });
  };
}
