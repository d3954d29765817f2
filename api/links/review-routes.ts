/** /r/<token>: record the review of a contract follow-up moment, or ask for a fresh link. */
import type { Request, Response, Router } from 'express';
import { workflowIdFor } from '../../domain/project';
import { contractReview, describeIssues } from '../../domain/schemas';
import { recordReviewUpdate, resendLinkUpdate } from '../../workflows/messages';
import { linkStillWorksPage, newLinkSentPage } from '../pages';
import { reviewUpdateId } from './decision-update';
import { type LinkTools, renewUpdateId } from './link-tools';
import {
  type ReviewFormValues,
  type ReviewLink,
  reviewFromForm,
  reviewPage,
  reviewRecordedPage,
} from './review-pages';
import { noteLinkOutcome } from '../metrics';
import { issueText } from '../../presentation/forms/problems';
import { t } from '../../presentation/locale';

export function mountReviewRoutes(router: Router, tools: LinkTools): void {
  const { client } = tools;
  const projectHandle = (link: ReviewLink) => client.workflow.getHandle(workflowIdFor(link.claims.p));

  async function reviewLink(req: Request, res: Response): Promise<ReviewLink | undefined> {
    const link = await tools.openLink(req, res, 'review');
    const moment = link?.state.contract?.moments.find((m) => m.id === link.claims.m);
    return link && moment ? { ...link, moment } : undefined;
  }

  const renderReview = (res: Response, link: ReviewLink, form?: ReviewFormValues): void => {
    noteLinkOutcome(res, link.expired ? 'expired' : link.moment.reviewedAt ? 'already-recorded' : 'shown');
    tools.sendPage(res, reviewPage(link, form));
  };

  router.get('/r/:token', async (req, res) => {
    const link = await reviewLink(req, res);
    if (!link) return void tools.notFound(res);
    renderReview(res, link);
  });

  router.post('/r/:token', async (req, res) => {
    const link = await reviewLink(req, res);
    if (!link) return void tools.notFound(res);
    const body = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
        typeof value === 'string' ? [[key, value]] : [],
      ),
    ) as Record<string, string>;
    const parsed = contractReview.safeParse(reviewFromForm(link.claims.m, body));
    if (!parsed.success) {
      return void renderReview(res, link, {
        values: body,
        // The API's wording in English; in Dutch each problem in the reader's words (domain/problems).
        error: t(
          link.locale,
          parsed.error.issues.map((issue) => issueText(issue, 'nl')).join(' '),
          describeIssues(parsed.error),
        ),
        httpStatus: 400,
      });
    }
    if (link.moment.reviewedAt || link.expired) return void renderReview(res, link);
    try {
      await tools.temporal(() =>
        projectHandle(link).executeUpdate(recordReviewUpdate, {
          updateId: reviewUpdateId(link.claims.p, link.claims.m),
          args: [{ review: parsed.data, by: link.claims.a, channel: 'email' }],
        }),
      );
      noteLinkOutcome(res, 'decided');
      res.status(200).send(reviewRecordedPage(link.locale));
    } catch (error) {
      if (tools.refusal(error) === undefined) throw error;
      const fresh = await reviewLink(req, res);
      if (!fresh) return void tools.notFound(res);
      renderReview(res, fresh);
    }
  });

  /** Only an expired link gets a fresh one; a link that still works is the one to use. */
  router.post('/r/:token/renew', async (req, res) => {
    const link = await reviewLink(req, res);
    if (!link) return void tools.notFound(res);
    if (!link.expired) return void tools.sendPage(res, linkStillWorksPage(link));
    const { claims } = link;
    const updateId = renewUpdateId(['review', claims.m, claims.a], await tools.now());
    try {
      const result = await tools.temporal(() =>
        projectHandle(link).executeUpdate(resendLinkUpdate, {
          updateId,
          args: [{ kind: 'review', momentId: claims.m, recipient: claims.a }],
        }),
      );
      noteLinkOutcome(res, 'renewed');
      res.status(200).send(newLinkSentPage(link.locale, result.sentTo));
    } catch (error) {
      if (tools.refusal(error) === undefined) throw error;
      renderReview(res, { ...link, expired: false });
    }
  });
}
