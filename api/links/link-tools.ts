/** What the decision and review routes share: the token check, the project behind it, the reader's locale and time zone. */
import type { Request, Response } from 'express';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { type LinkClaims, LinkSigner } from '../../activities/links';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { Locale } from '../../domain/catalogue';
import { workflowIdFor } from '../../domain/project';
import { knownPerson } from '../../presentation/people';
import { type ProjectView, projectQuery } from '../../workflows/messages';
import { type RenderedPage, notFoundPage } from '../pages';

export interface LinkRoutesDependencies {
  client: Client;
  config: AppConfig;
  logger: Logger;
  now: () => Promise<number>;
}

type LinkKind = LinkClaims['k'];

/** A link with a valid signature (expired or not), the project it points into, and its reader. */
export interface OpenedLink<K extends LinkKind> {
  claims: Extract<LinkClaims, { k: K }>;
  expired: boolean;
  state: ProjectView;
  locale: Locale;
  /** The reader's time zone, for every instant on the page. */
  timeZone: string;
  /** The page's own path (/d/<token> or /r/<token>), where its forms post. */
  action: string;
}

export interface LinkTools {
  client: Client;
  logger: Logger;
  /** The configured locale, for answers given before we know who is asking. */
  fallbackLocale: Locale;
  /** Undefined for a missing, forged or tampered token, a token of another kind, or no such project. */
  openLink<K extends LinkKind>(req: Request, kind: K): Promise<OpenedLink<K> | undefined>;
  sendPage(res: Response, page: RenderedPage): void;
  notFound(res: Response): void;
  /** Why the workflow refused an update, or undefined when the error is not a refusal. */
  updateFailure(error: unknown): string | undefined;
}

const PATH_PREFIX: Record<LinkKind, string> = { decision: '/d', review: '/r' };

export function createLinkTools({ client, config, logger, now }: LinkRoutesDependencies): LinkTools {
  const signer = config.links.signingKeys.length > 0 ? new LinkSigner(config.links.signingKeys) : undefined;
  const fallbackLocale = config.defaults.locale;

  async function loadState(projectId: string): Promise<ProjectView | undefined> {
    try {
      return await client.workflow.getHandle(workflowIdFor(projectId)).query(projectQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /** `?lang=` first, so a person can switch; then their own locale; then the configured one. */
  function localeFor(state: ProjectView, email: string, req: Request): Locale {
    const asked = req.query.lang;
    if (asked === 'nl' || asked === 'en') return asked;
    return knownPerson(state, email)?.locale ?? fallbackLocale;
  }

  return {
    client,
    logger,
    fallbackLocale,
    async openLink<K extends LinkKind>(req: Request, kind: K): Promise<OpenedLink<K> | undefined> {
      const token = req.params.token as string | undefined;
      if (!signer || !token) return undefined;
      const verified = signer.verify(token, await now());
      if (!verified.ok || verified.claims.k !== kind) return undefined;
      const claims = verified.claims as Extract<LinkClaims, { k: K }>;
      const state = await loadState(claims.p);
      if (!state) return undefined;
      return {
        claims,
        expired: verified.expired,
        state,
        locale: localeFor(state, claims.a, req),
        timeZone: knownPerson(state, claims.a)?.timeZone ?? config.defaults.timeZone,
        action: `${PATH_PREFIX[kind]}/${token}`,
      };
    },
    sendPage: (res, page) => void res.status(page.status).send(page.html),
    notFound: (res) => void res.status(404).send(notFoundPage(fallbackLocale)),
    updateFailure(error) {
      if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
      if (error instanceof WorkflowNotFoundError) return 'the project is closed';
      return undefined;
    },
  };
}
