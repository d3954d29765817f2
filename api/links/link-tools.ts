/** What the decision and review routes share: the token check, the project behind it, the reader's locale and time zone. */
import type { Request, Response } from 'express';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type LinkClaims, LinkSigner } from '../../activities/links';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { Locale } from '../../domain/catalogue';
import { FailureType } from '../../domain/failure-types';
import { type RuleProblem, problemsOfDetails, ruleProblem } from '../../domain/problems';
import { workflowIdFor } from '../../domain/project';
import { knownPerson } from '../../presentation/people';
import { type ProjectView, linkViewQuery } from '../../workflows/messages';
import { linkOutcomeOf, noteLinkOutcome } from '../metrics';
import { type RenderedPage, notFoundPage } from '../pages';
import { askedLocale, requestLocale } from '../request-locale';
import { type TemporalCalls, createTemporalCalls } from '../temporal-calls';
import { type DocumentStore, documentStoreFromConfig } from '../../storage';

export interface LinkRoutesDependencies {
  client: Client;
  config: AppConfig;
  logger: Logger;
  now: () => Promise<number>;
  /**
   * The app's deadlines for Temporal calls (API_TEMPORAL_TIMEOUT_MS), so shutdown also waits for the
   * pages' calls; without it the pages keep deadlines of their own, of the same length.
   */
  calls?: TemporalCalls;
  /** The case file's store, for the documents a decision page links (by default the configured one). */
  documents?: DocumentStore;
}

/**
 * "Send me a new link" counts once per person and round (or follow-up moment) in each window of
 * this length: double clicks and retries of the same expired link send one mail, and someone whose
 * fresh mail got lost can ask again in the next window.
 */
const RENEW_WINDOW_MS = 15 * 60_000;

/** The update id of a renew: Temporal answers a repeated id from the first update, sending nothing again. */
export function renewUpdateId(parts: (string | number)[], nowMs: number): string {
  return ['renew', ...parts, Math.floor(nowMs / RENEW_WINDOW_MS)].join(':');
}

type LinkKind = LinkClaims['k'];
export type ClaimsOf<K extends LinkKind> = Extract<LinkClaims, { k: K }>;

/** A token with a valid signature (expired or not), before anything is asked of Temporal. */
export interface VerifiedToken<K extends LinkKind> {
  claims: ClaimsOf<K>;
  expired: boolean;
  /** The page's own path (/d/<token> or /r/<token>), where its forms post. */
  action: string;
}

/** A link with a valid signature (expired or not), the project it points into, and its reader. */
export interface OpenedLink<K extends LinkKind> extends VerifiedToken<K> {
  state: ProjectView;
  locale: Locale;
  /** The reader's time zone, for every instant on the page. */
  timeZone: string;
}

/** Why the workflow refused an update, by the failure type its validator threw. */
export interface Refusal {
  kind: 'wrong-state' | 'not-allowed' | 'invalid-input' | 'no-project';
  /** The English reason, as the API answers it. */
  reason: string;
  /** The rules behind it (domain/problems), for a page to say in its reader's language; absent for a plain reason. */
  problems?: RuleProblem[];
}

const REFUSAL_KINDS: Record<string, Refusal['kind']> = {
  [FailureType.wrongState]: 'wrong-state',
  [FailureType.notAllowed]: 'not-allowed',
  [FailureType.invalidInput]: 'invalid-input',
};

export interface LinkTools {
  client: Client;
  documents: DocumentStore;
  logger: Logger;
  /** The configured locale, for answers given before we know who is asking. */
  fallbackLocale: Locale;
  /** The configured time zone, for a reader whose own is not known. */
  defaultTimeZone: string;
  /** The current time, for link expiry (the test server's clock under time-skipping). */
  now: () => Promise<number>;
  /** The language the reader asked for with `?lang=`, if any. */
  askedLocale(req: Request): Locale | undefined;
  /** Undefined for a missing, forged, tampered or non-canonical token, or a token of another kind. */
  verifyToken<K extends LinkKind>(req: Request, kind: K): Promise<VerifiedToken<K> | undefined>;
  /** The verified token with the project as it stands (one query); undefined also for no such project. */
  openLink<K extends LinkKind>(req: Request, res: Response, kind: K): Promise<OpenedLink<K> | undefined>;
  /**
   * Runs Temporal calls under the configured deadline; a call that does not answer in time throws
   * TemporalUnavailableError (api/temporal-calls.ts), which the link router turns into a 503 page.
   */
  temporal<T>(call: () => Promise<T>): Promise<T>;
  /** The reader's locale as far as we know it: theirs once the link is open, else ?lang=, Accept-Language, the configured one. */
  readerLocale(req: Request, res: Response): Locale;
  sendPage(res: Response, page: RenderedPage): void;
  notFound(res: Response): void;
  /** Why the workflow refused an update, or undefined when the error is not a refusal. */
  refusal(error: unknown): Refusal | undefined;
}

const PATH_PREFIX: Record<LinkKind, string> = { decision: '/d', review: '/r' };

export function createLinkTools({
  client,
  config,
  logger,
  now,
  calls = createTemporalCalls(client, config.api.temporalTimeoutMs),
  documents = documentStoreFromConfig(config.documents),
}: LinkRoutesDependencies): LinkTools {
  const signer = config.links.signingKeys.length > 0 ? new LinkSigner(config.links.signingKeys) : undefined;
  const fallbackLocale = config.defaults.locale;
  const temporal = <T>(call: () => Promise<T>): Promise<T> => calls.within(call);

  async function loadState(claims: LinkClaims): Promise<ProjectView | undefined> {
    const scope = claims.k === 'decision' ? { gate: claims.g } : { momentId: claims.m };
    try {
      return await temporal(() =>
        client.workflow.getHandle(workflowIdFor(claims.p)).query(linkViewQuery, scope),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async function verifyToken<K extends LinkKind>(
    req: Request,
    kind: K,
  ): Promise<VerifiedToken<K> | undefined> {
    const token = req.params.token as string | undefined;
    if (!signer || !token) return undefined;
    const verified = signer.verify(token, await now());
    if (!verified.ok || verified.claims.k !== kind) return undefined;
    return {
      claims: verified.claims as ClaimsOf<K>,
      expired: verified.expired,
      action: `${PATH_PREFIX[kind]}/${token}`,
    };
  }

  return {
    client,
    documents,
    logger,
    fallbackLocale,
    defaultTimeZone: config.defaults.timeZone,
    now,
    askedLocale,
    verifyToken,
    temporal,
    async openLink<K extends LinkKind>(req: Request, res: Response, kind: K) {
      const token = await verifyToken(req, kind);
      if (!token) return undefined;
      const state = await loadState(token.claims);
      if (!state) {
        noteLinkOutcome(res, 'not-found');
        return undefined;
      }
      const person = knownPerson(state, token.claims.a);
      // `?lang=` first, so a person can switch; then their own locale; then the configured one.
      const locale = askedLocale(req) ?? person?.locale ?? fallbackLocale;
      res.locals.readerLocale = locale;
      return { ...token, state, locale, timeZone: person?.timeZone ?? config.defaults.timeZone };
    },
    readerLocale(req, res) {
      const known = res.locals.readerLocale as Locale | undefined;
      return known ?? requestLocale(req, fallbackLocale);
    },
    sendPage: (res, page) => void res.status(page.status).send(page.html),
    notFound: (res) => {
      // Not found without a reason noted before: no valid token behind it.
      if (!linkOutcomeOf(res)) noteLinkOutcome(res, 'forged');
      res.status(404).send(notFoundPage(fallbackLocale));
    },
    refusal: updateRefusal,
  };
}

/** Why the workflow refused an update, or undefined when the error is not a refusal (links and workspace alike). */
export function updateRefusal(error: unknown): Refusal | undefined {
  if (error instanceof WorkflowNotFoundError)
    return {
      kind: 'no-project',
      reason: 'the project is closed',
      problems: [ruleProblem('project.closed', {})],
    };
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  const problems = cause instanceof ApplicationFailure ? problemsOfDetails(cause.details) : undefined;
  return {
    // An unknown type is shown like a state conflict: the page as the project stands now.
    kind: (type && REFUSAL_KINDS[type]) || 'wrong-state',
    reason: cause?.message ?? error.message,
    ...(problems ? { problems } : {}),
  };
}
