/**
 * The checks every action of the workspace makes, in this order, before it reads or changes
 * anything: signed in (the router's guard), the project in the person's scope (else the project
 * page's 404: another organisation's project does not exist for them), then the role (officers and
 * operators change projects; anyone decides where the round asks them). Then the project as it
 * stands (the same query the API's GET /api/projects/:id answers from).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Locale } from '../../../domain/catalogue';
import { slug } from '../../../domain/schemas';
import { projectNotFoundPage } from '../../../presentation/workspace/project-page';
import type { WorkspaceViewer } from '../../../presentation/workspace/layout';
import {
  type ActionProject,
  forbiddenActionPage,
  officersOnly,
} from '../../../presentation/workspace/actions/action-page';
import { type ProjectView, projectQuery } from '../../../workflows/messages';
import { type RefusalText, refusalText } from '../../../presentation/forms/problems';
import { HttpError, ruleProblemsOf } from '../../errors';
import { updateRefusal } from '../../links/link-tools';
import { noSuchProject } from '../../project-scope';
import { OFFICERS } from '../../projects/shared';
import type { SignedIn } from '../../session/sessions';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from '../context';

/** One action request, past its checks. */
export interface ActionRequest {
  signedIn: SignedIn;
  viewer: WorkspaceViewer;
  locale: Locale;
  /** The person acting (their address is who the project records). */
  email: string;
  project: ActionProject;
  state: ProjectView;
}

export type ActionHandler = (action: ActionRequest, req: Request, res: Response) => Promise<void> | void;

/** Officers' actions refuse other roles; a decision checks the round itself (anyone may be asked). */
export type Who = 'officers' | 'anyone';

/** The done codes the project page shows a notice for. */
export type DoneCode =
  | 'decided'
  | 'delegated'
  | 'review-recorded'
  | 'amended'
  | 'end-of-use-started'
  | 'use-confirmed'
  | 'link-resent'
  | 'settings-changed'
  | 'cancelled';

/** After a change: back to the project page, which says what was done (POST-redirect-GET). */
export function done(res: Response, projectId: string, code: DoneCode): void {
  res.redirect(303, `/work/projects/${projectId}?done=${code}`);
}

export function sendForbidden(res: Response, action: ActionRequest, reason: string): void {
  res.status(403).send(forbiddenActionPage(action.viewer, action.project, reason));
}

/** Wraps a handler in the checks above; a missing or invisible project is the project page's 404. */
export function actionRoute(
  { scope, sessions, messages, logger }: WorkspaceDependencies,
  who: Who,
  handler: ActionHandler,
): RequestHandler {
  return async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const viewer = viewerOf(req, signedIn);
    const locale = localeOf(req, signedIn);
    try {
      const id = slug.safeParse(req.params.id);
      if (!id.success) throw noSuchProject();
      await scope.ensureVisible(signedIn.principal, id.data);
      const state = await messages.query(id.data, projectQuery).catch((error: unknown) => {
        if (updateRefusal(error)?.kind === 'no-project') throw noSuchProject();
        throw error;
      });
      const project = { id: id.data, title: state.title, organisation: state.organisation };
      const action = { signedIn, viewer, locale, email: signedIn.principal.email, project, state };
      if (who === 'officers' && !signedIn.principal.roles.some((role) => OFFICERS.includes(role)))
        return sendForbidden(res, action, officersOnly(locale));
      await handler(action, req, res);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        return void res.status(404).send(projectNotFoundPage({ ...viewer, path: '/work' }));
      answerUnavailable(logger, error, res, locale);
    }
  };
}

/**
 * Why the project refused a change, or undefined when the error is not a refusal: the workflow's
 * validator (409/422 in the API) or a project that ended meanwhile.
 */
function refusalOf(error: unknown): RefusalText | undefined {
  if (error instanceof HttpError && (error.status === 409 || error.status === 422))
    return { reason: error.message, problems: ruleProblemsOf(error) };
  const refusal = updateRefusal(error);
  return refusal && refusal.kind !== 'no-project' ? refusal : undefined;
}

/** The refusal in the reader's language (its rules' texts; a refusal without rules as it came), or undefined. */
export function refusalReason(error: unknown, locale: Locale): string | undefined {
  const refusal = refusalOf(error);
  return refusal && refusalText(refusal, locale);
}

/**
 * The form field a refusal is about, so the page can show the reason beside that field too: the
 * path of its first rule, or the field its English reason names first (`contractEnd: …`).
 */
export function refusedField(error: unknown, fieldOf: (path: PropertyKey[]) => string): string | undefined {
  const refusal = refusalOf(error);
  if (!refusal) return undefined;
  const path = refusal.problems ? refusal.problems[0]?.path : refusal.reason;
  const named = path === undefined ? null : /^([A-Za-z]+)(?:\.([A-Za-z]+))?(?::|$)/.exec(path);
  return named?.[1] ? fieldOf(named[2] ? [named[1], named[2]] : [named[1]]) : undefined;
}
