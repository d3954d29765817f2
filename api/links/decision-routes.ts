/**
 * /d/<token>: decide on a submission (approve, request changes, reject), delegate the decision, or
 * ask for a fresh link. Only a POST sends a Temporal update; GET shows the page.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { workflowIdFor } from '../../domain/project';
import { person as personSchema } from '../../domain/schemas';
import { t } from '../../presentation/locale';
import { decideUpdate, delegateUpdate, resendLinkUpdate } from '../../workflows/messages';
import { newLinkSentPage } from '../pages';
import {
  type DecisionFormValues,
  type DecisionLink,
  decisionPage,
  decisionRecordedPage,
  delegatedPage,
  delegationFailedPage,
} from './decision-pages';
import { decisionStatus } from './decision-status';
import type { LinkTools } from './link-tools';

const decisionForm = z
  .object({
    decision: z.enum(['approve', 'reject', 'request-changes']),
    comment: z.string().trim().max(5000).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.decision !== 'approve' && !form.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'comment-required' });
    }
  });

const delegationForm = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().transform((value) => value.toLowerCase()),
  comment: z.string().trim().max(5000).optional(),
});

export function mountDecisionRoutes(router: Router, tools: LinkTools): void {
  const { client, logger } = tools;

  const decisionLink = (req: Request): Promise<DecisionLink | undefined> => tools.openLink(req, 'decision');

  const renderDecision = (res: Response, link: DecisionLink, form?: DecisionFormValues): void =>
    tools.sendPage(res, decisionPage(link, form));

  /** A post only acts on a link that is still open for this person; otherwise the page says why. */
  const canDecide = (link: DecisionLink): boolean =>
    decisionStatus(link.state, link.claims).kind === 'open' && !link.expired;

  router.get('/d/:token', async (req, res) => {
    const link = await decisionLink(req);
    if (!link) return void tools.notFound(res);
    renderDecision(res, link);
  });

  router.post('/d/:token', async (req, res) => {
    const link = await decisionLink(req);
    if (!link) return void tools.notFound(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = decisionForm.safeParse({ decision: body.decision, comment: body.comment || undefined });
    const comment = typeof body.comment === 'string' ? body.comment : '';
    if (!form.success) {
      const needsComment = form.error.issues.some((issue) => issue.message === 'comment-required');
      const message = needsComment
        ? t(
            link.locale,
            'Schrijf een opmerking: die is verplicht om af te keuren of wijzigingen te vragen.',
            'Please write a comment: it is required to reject or request changes.',
          )
        : t(
            link.locale,
            'Kies goedkeuren, wijzigingen vragen of afkeuren.',
            'Choose approve, request changes or reject.',
          );
      return void renderDecision(res, link, { comment, error: message, httpStatus: 400 });
    }
    if (!canDecide(link)) return void renderDecision(res, link);
    const { claims, locale } = link;
    try {
      const result = await client.workflow.getHandle(workflowIdFor(claims.p)).executeUpdate(decideUpdate, {
        // One id per person and round: a double submit is answered from the first, never counted twice.
        updateId: `decision:${claims.p}:${claims.g}:${claims.r}:${claims.a}`,
        args: [
          {
            gate: claims.g,
            round: claims.r,
            approver: claims.a,
            decision: form.data.decision,
            comment: form.data.comment,
            channel: 'email',
          },
        ],
      });
      res.status(200).send(decisionRecordedPage(locale, result, link.timeZone));
    } catch (error) {
      const reason = tools.updateFailure(error);
      if (reason === undefined) throw error;
      logger.info('decision from a link was refused', {
        project: claims.p,
        gate: claims.g,
        round: claims.r,
        reason,
      });
      const fresh = await decisionLink(req);
      if (!fresh) return void tools.notFound(res);
      renderDecision(res, fresh);
    }
  });

  router.post('/d/:token/delegate', async (req, res) => {
    const link = await decisionLink(req);
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
      await client.workflow.getHandle(workflowIdFor(claims.p)).executeUpdate(delegateUpdate, {
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
      });
      res.status(200).send(delegatedPage(locale, to.data));
    } catch (error) {
      const reason = tools.updateFailure(error);
      if (reason === undefined) throw error;
      res.status(409).send(delegationFailedPage(locale, reason));
    }
  });

  router.post('/d/:token/renew', async (req, res) => {
    const link = await decisionLink(req);
    if (!link) return void tools.notFound(res);
    const { claims, locale } = link;
    try {
      const result = await client.workflow
        .getHandle(workflowIdFor(claims.p))
        .executeUpdate(resendLinkUpdate, {
          args: [{ kind: 'decision', gate: claims.g, round: claims.r, approver: claims.a }],
        });
      res.status(200).send(newLinkSentPage(locale, result.sentTo));
    } catch (error) {
      if (tools.updateFailure(error) === undefined) throw error;
      renderDecision(res, { ...link, expired: false });
    }
  });
}
