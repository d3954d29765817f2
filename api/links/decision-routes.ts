/**
 * /d/<token>: decide on a submission (approve, request changes, reject), delegate the decision, or
 * ask for a fresh link. Only a POST sends a Temporal update; GET shows the page.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { workflowIdFor } from '../../domain/project';
import type { Locale } from '../../domain/catalogue';
import { COMMENT_MAX_CHARACTERS, type Person, person as personSchema } from '../../domain/schemas';
import { t } from '../../presentation/locale';
import { type DecideResult, decideUpdate, delegateUpdate, resendLinkUpdate } from '../../workflows/messages';
import { type LinkOutcome, noteLinkOutcome } from '../metrics';
import { linkStillWorksPage, newLinkSentPage } from '../pages';
import {
  type DecisionFormValues,
  type DecisionLink,
  decisionPage,
  decisionRecordedPage,
  delegatedPage,
  delegationFailedPage,
} from './decision-pages';
import { type DecisionClaims, decisionStatus } from './decision-status';
import { decisionUpdate } from './decision-update';
import { type LinkTools, renewUpdateId } from './link-tools';
import { refusalText } from '../../presentation/forms/problems';

const decisionForm = z
  .object({
    decision: z.enum(['approve', 'reject', 'request-changes']),
    comment: z.string().trim().max(COMMENT_MAX_CHARACTERS).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.decision !== 'approve' && !form.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'comment-required' });
    }
  });

const delegationForm = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().transform((value) => value.toLowerCase()),
  comment: z.string().trim().max(COMMENT_MAX_CHARACTERS).optional(),
});

export function mountDecisionRoutes(router: Router, tools: LinkTools): void {
  const { client, logger } = tools;

  const decisionLink = (req: Request, res: Response): Promise<DecisionLink | undefined> =>
    tools.openLink(req, res, 'decision');

  const renderDecision = (res: Response, link: DecisionLink, form?: DecisionFormValues): void => {
    noteLinkOutcome(res, outcomeOf(link));
    tools.sendPage(res, decisionPage(link, form));
  };

  /** The page as the project stands now, or not found when the link leads nowhere (any more). */
  async function renderCurrent(req: Request, res: Response, form?: DecisionFormValues): Promise<void> {
    const link = await decisionLink(req, res);
    if (!link) return void tools.notFound(res);
    renderDecision(res, link, form);
  }

  /** A post only acts on a link that is still open for this person; otherwise the page says why. */
  const canDecide = (link: DecisionLink): boolean =>
    decisionStatus(link.state, link.claims).kind === 'open' && !link.expired;

  const projectHandle = (claims: DecisionClaims) => client.workflow.getHandle(workflowIdFor(claims.p));

  router.get('/d/:token', async (req, res) => {
    await renderCurrent(req, res);
  });

  /**
   * The decision goes to the workflow at once, without reading the project first: the update's
   * validator refuses what is not allowed, and the confirmation is built from the update's result.
   * The project is read only on the way that does not decide (a refusal, a bad form, an expired link).
   */
  router.post('/d/:token', async (req, res) => {
    const token = await tools.verifyToken(req, 'decision');
    if (!token) return void tools.notFound(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = decisionForm.safeParse({ decision: body.decision, comment: body.comment || undefined });
    const comment = typeof body.comment === 'string' ? body.comment : '';
    if (!form.success) {
      const link = await decisionLink(req, res);
      if (!link) return void tools.notFound(res);
      return void renderDecision(res, link, {
        comment,
        error: formProblem(link.locale, form.error.issues),
        httpStatus: 400,
      });
    }
    if (token.expired) return void (await renderCurrent(req, res));
    const { claims } = token;
    let result: DecideResult;
    try {
      result = await tools.temporal(() =>
        projectHandle(claims).executeUpdate(
          decideUpdate,
          // One id per person and round: a double submit is answered from the first, never counted twice.
          decisionUpdate(
            { project: claims.p, gate: claims.g, round: claims.r, approver: claims.a },
            form.data.decision,
            form.data.comment,
          ),
        ),
      );
    } catch (error) {
      const refusal = tools.refusal(error);
      if (refusal === undefined) throw error;
      logger.info('decision from a link was refused', {
        project: claims.p,
        gate: claims.g,
        round: claims.r,
        reason: refusal.reason,
      });
      if (refusal.kind === 'not-allowed') {
        noteLinkOutcome(res, 'refused');
        return void tools.notFound(res);
      }
      if (refusal.kind === 'invalid-input') {
        // The reason in the language of the page it is shown on (the link's reader's).
        const link = await decisionLink(req, res);
        if (!link) return void tools.notFound(res);
        const error = refusalText(refusal, link.locale);
        return void renderDecision(res, link, { comment, error, httpStatus: 422 });
      }
      return void (await renderCurrent(req, res));
    }
    // The same update id answers with the first decision: a later, different click learns it was already recorded.
    if (result.decision !== form.data.decision) return void (await renderCurrent(req, res));
    const reader = result.decider ? readerOf(req, result.decider) : await readerFromProject(req, res);
    if (!reader) return void tools.notFound(res);
    noteLinkOutcome(res, 'decided');
    res.status(200).send(decisionRecordedPage(reader.locale, result, reader.timeZone));
  });

  /** Who decided, as the update result names them (workers that send `decider`). */
  function readerOf(req: Request, decider: Person): Reader {
    return {
      locale: tools.askedLocale(req) ?? decider.locale ?? tools.fallbackLocale,
      timeZone: decider.timeZone ?? tools.defaultTimeZone,
    };
  }

  /** For results without `decider` (workers older than the field): one query after the decision. */
  async function readerFromProject(req: Request, res: Response): Promise<Reader | undefined> {
    const link = await decisionLink(req, res);
    return link && { locale: link.locale, timeZone: link.timeZone };
  }

  router.post('/d/:token/delegate', async (req, res) => {
    const link = await decisionLink(req, res);
    if (!link) return void tools.notFound(res);
    if (!canDecide(link)) return void renderDecision(res, link);
    const { claims, locale } = link;
    const form = delegationForm.safeParse(req.body);
    const to = form.success
      ? personSchema.safeParse({ name: form.data.name, email: form.data.email, locale })
      : undefined;
    if (!form.success || !to?.success) {
      return void renderDecision(res, link, {
        error: t(
          locale,
          'Geef de naam en een geldig e-mailadres van de persoon aan wie u delegeert.',
          'Give the name and a valid email address of the person you delegate to.',
        ),
        httpStatus: 400,
      });
    }
    try {
      await tools.temporal(() =>
        projectHandle(claims).executeUpdate(delegateUpdate, {
          args: [
            {
              gate: claims.g,
              round: claims.r,
              from: claims.a,
              to: to.data,
              comment: form.data.comment,
              channel: 'email',
            },
          ],
        }),
      );
      res.status(200).send(delegatedPage(locale, to.data));
    } catch (error) {
      const refusal = tools.refusal(error);
      if (refusal === undefined) throw error;
      res.status(409).send(delegationFailedPage(locale, refusalText(refusal, locale)));
    }
  });

  /** Only an expired link gets a fresh one; a link that still works is the one to use. */
  router.post('/d/:token/renew', async (req, res) => {
    const link = await decisionLink(req, res);
    if (!link) return void tools.notFound(res);
    const { claims, locale } = link;
    if (!link.expired) return void tools.sendPage(res, linkStillWorksPage(link));
    const updateId = renewUpdateId([claims.g, claims.r, claims.a], await tools.now());
    try {
      const result = await tools.temporal(() =>
        projectHandle(claims).executeUpdate(resendLinkUpdate, {
          updateId,
          args: [{ kind: 'decision', gate: claims.g, round: claims.r, approver: claims.a }],
        }),
      );
      noteLinkOutcome(res, 'renewed');
      res.status(200).send(newLinkSentPage(locale, result.sentTo));
    } catch (error) {
      if (tools.refusal(error) === undefined) throw error;
      renderDecision(res, { ...link, expired: false });
    }
  });
}

/** What the decision page shows, for the link-page metrics. */
function outcomeOf(link: DecisionLink): LinkOutcome {
  const status = decisionStatus(link.state, link.claims);
  if (status.kind === 'open') return link.expired ? 'expired' : 'shown';
  if (status.kind === 'recorded') return 'already-recorded';
  if (status.kind === 'unknown') return 'not-found';
  return status.kind;
}

interface Reader {
  locale: Locale;
  timeZone: string;
}

function formProblem(locale: Locale, issues: { message: string }[]): string {
  return issues.some((issue) => issue.message === 'comment-required')
    ? t(
        locale,
        'Schrijf een opmerking: die is verplicht om af te keuren of wijzigingen te vragen.',
        'Please write a comment: it is required to reject or request changes.',
      )
    : t(
        locale,
        'Kies goedkeuren, wijzigingen vragen of afkeuren.',
        'Choose approve, request changes or reject.',
      );
}
