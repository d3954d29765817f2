/**
 * Pages behind the links in emails: /d/<token> to decide on a submission, /r/<token> to record a
 * contract review.
 *
 * - GET never changes anything: mail scanners and link prefetchers open every link. It shows the
 *   page; the form on it POSTs, and only that POST sends the Temporal update.
 * - The token says who may do what; the page says why it can't when it can't: already recorded,
 *   replaced by a newer round, delegated, expired (with a button for a fresh link). A forged or
 *   tampered token gets the same generic "not found" page as a missing one.
 */
import express, { type Request, type Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { type LinkClaims, LinkSigner } from '../activities/links';
import { escapeHtml, formatDay, formatInstant, outcomeLabel } from '../activities/mail/compose';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import {
  type ApprovalRound,
  type ApprovalSlot,
  pendingSlots,
  slotInvolving,
} from '../domain/approval-policy';
import { GATE_LABELS, type Locale, catalogue, stepLabel } from '../domain/catalogue';
import { isTerminal, workflowIdFor } from '../domain/project';
import { type Person, contractReview, describeIssues, person as personSchema } from '../domain/schemas';
import {
  type ProjectView,
  decideUpdate,
  delegateUpdate,
  projectQuery,
  recordReviewUpdate,
  resendLinkUpdate,
} from '../workflows/messages';
import { PAGE_CSP, list, notFoundPage, p, page, t } from './pages';

export interface LinkRoutesDependencies {
  client: Client;
  config: AppConfig;
  logger: Logger;
  now: () => Promise<number>;
}

type DecisionClaims = Extract<LinkClaims, { k: 'decision' }>;
type ReviewClaims = Extract<LinkClaims, { k: 'review' }>;

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

/** Where a decision link stands, computed from the project state. */
type DecisionStatus =
  | { kind: 'open'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'waiting'; round: ApprovalRound; waitingFor: Person }
  | { kind: 'recorded'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'delegated'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'superseded'; round: ApprovalRound }
  | { kind: 'closed'; round: ApprovalRound }
  | { kind: 'project-closed' }
  | { kind: 'unknown' };

function decisionStatus(state: ProjectView, claims: DecisionClaims): DecisionStatus {
  const round = state.rounds.find((r) => r.gate === claims.g && r.number === claims.r);
  if (!round) return { kind: 'unknown' };
  const slot = slotInvolving(round, claims.a);
  if (!slot) return { kind: 'unknown' };
  if (round.status === 'superseded') return { kind: 'superseded', round };
  if (slot.holder.email !== claims.a) return { kind: 'delegated', round, slot };
  if (slot.decision) return { kind: 'recorded', round, slot };
  if (isTerminal(state.status) && round.status !== 'open') return { kind: 'project-closed' };
  if (round.status !== 'open') return { kind: 'closed', round };
  const pending = pendingSlots(round);
  if (!pending.includes(slot)) {
    const first = pending[0];
    return first ? { kind: 'waiting', round, waitingFor: first.holder } : { kind: 'closed', round };
  }
  return { kind: 'open', round, slot };
}

function localeFor(state: ProjectView, email: string, req: Request, fallback: Locale): Locale {
  const asked = req.query.lang;
  if (asked === 'nl' || asked === 'en') return asked;
  return knownPerson(state, email)?.locale ?? fallback;
}

function knownPerson(state: ProjectView, email: string): Person | undefined {
  return (
    state.team.find((m) => m.email === email) ??
    state.rounds
      .flatMap((r) => r.slots.flatMap((s) => [s.holder, s.approver]))
      .find((x) => x.email === email) ??
    (state.contract?.manager.email === email ? state.contract.manager : undefined)
  );
}

function policyLine(round: ApprovalRound, locale: Locale): string {
  const n = round.slots.length;
  const rule =
    round.policy.rule === 'all'
      ? t(locale, 'iedereen moet goedkeuren', 'everyone must approve')
      : round.policy.rule === 'any'
        ? t(locale, 'één goedkeuring volstaat', 'one approval is enough')
        : t(
            locale,
            `${round.policy.quorum} van ${n} goedkeuringen nodig`,
            `${round.policy.quorum} of ${n} approvals needed`,
          );
  return round.policy.sequential ? `${rule}${t(locale, ', in volgorde', ', in order')}` : rule;
}

function projectHeader(state: ProjectView, round: ApprovalRound, locale: Locale, timeZone: string): string {
  return `<p class="meta">${escapeHtml(`${state.title} · ${state.organisation} · ${stepLabel(state.step, locale)}`)}</p>
<h2>${escapeHtml(`${GATE_LABELS[round.gate][locale]} — ${t(locale, 'ronde', 'round')} ${round.number}`)}</h2>
${list(round.digest[locale])}
${p(`${t(locale, 'Goedkeurders', 'Approvers')}: ${round.slots.map((s) => s.holder.name).join(', ')} (${policyLine(round, locale)})`, 'meta')}
${round.deadline ? p(`${t(locale, 'Uiterlijk', 'Deadline')}: ${formatInstant(round.deadline.at, locale, timeZone)}`, 'meta') : ''}
${round.gate === 'circular-need' ? earlierLessonsHtml(state, locale) : ''}`;
}

/** Step 1 starts from what earlier projects of the same product group learned. */
function earlierLessonsHtml(state: ProjectView, locale: Locale): string {
  if (state.earlierLessons.length === 0) return '';
  const items = state.earlierLessons
    .slice(-5)
    .flatMap((earlier) =>
      [...earlier.lessons, ...(earlier.nextTime ? [earlier.nextTime] : [])].map(
        (lesson) => `${lesson} (${earlier.title}, ${earlier.organisation})`,
      ),
    );
  return `<h2>${escapeHtml(t(locale, 'Lessen uit eerdere projecten van deze productgroep', 'Lessons from earlier projects of this product group'))}</h2>${list(items)}`;
}

function decisionFormHtml(
  action: string,
  locale: Locale,
  values: { comment?: string; error?: string },
): string {
  return `<form method="post" action="${escapeHtml(action)}">
${values.error ? p(values.error, 'error') : ''}
<label for="comment">${escapeHtml(t(locale, 'Opmerking (verplicht bij afkeuren of wijzigingen vragen)', 'Comment (required to reject or request changes)'))}</label>
<textarea id="comment" name="comment">${escapeHtml(values.comment ?? '')}</textarea>
<div class="buttons">
<button class="approve" type="submit" name="decision" value="approve">${escapeHtml(t(locale, 'Goedkeuren', 'Approve'))}</button>
<button class="changes" type="submit" name="decision" value="request-changes">${escapeHtml(t(locale, 'Wijzigingen vragen', 'Request changes'))}</button>
<button class="reject" type="submit" name="decision" value="reject">${escapeHtml(t(locale, 'Afkeuren', 'Reject'))}</button>
</div>
</form>
<details><summary>${escapeHtml(t(locale, 'Iemand anders laten beslissen (delegeren)', 'Let someone else decide (delegate)'))}</summary>
<form method="post" action="${escapeHtml(action)}/delegate">
<label for="name">${escapeHtml(t(locale, 'Naam', 'Name'))}</label><input id="name" name="name" type="text" required>
<label for="email">${escapeHtml(t(locale, 'E-mailadres', 'Email address'))}</label><input id="email" name="email" type="email" required>
<label for="delegation-comment">${escapeHtml(t(locale, 'Opmerking', 'Comment'))}</label><textarea id="delegation-comment" name="comment"></textarea>
<div class="buttons"><button class="secondary" type="submit">${escapeHtml(t(locale, 'Delegeren', 'Delegate'))}</button></div>
</form></details>`;
}

function renewForm(action: string, locale: Locale): string {
  return `<form method="post" action="${escapeHtml(action)}/renew"><div class="buttons">
<button class="approve" type="submit">${escapeHtml(t(locale, 'Stuur mij een nieuwe link', 'Send me a new link'))}</button></div></form>`;
}

function decisionStatusPage(
  state: ProjectView,
  claims: DecisionClaims,
  status: DecisionStatus,
  locale: Locale,
  tz: string,
): { status: number; html: string } {
  switch (status.kind) {
    case 'recorded': {
      const decision = status.slot.decision;
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Uw beslissing is al geregistreerd', 'Your decision is already recorded'),
          tone: 'success',
          body: `${projectHeader(state, status.round, locale, tz)}<div class="notice">${p(
            t(
              locale,
              `Al geregistreerd: ${outcomeLabel(decision?.kind ?? '', locale)} op ${formatInstant(decision?.at ?? '', locale, tz)}.`,
              `Already recorded: ${outcomeLabel(decision?.kind ?? '', locale)} on ${formatInstant(decision?.at ?? '', locale, tz)}.`,
            ),
          )}</div>`,
        }),
      };
    }
    case 'superseded':
      return {
        status: 410,
        html: page(locale, {
          title: t(
            locale,
            `Vervangen door ronde ${status.round.supersededBy ?? ''}`,
            `Replaced by round ${status.round.supersededBy ?? ''}`,
          ),
          tone: 'warning',
          body: p(
            t(
              locale,
              `De inzending werd opnieuw ingediend: ronde ${status.round.number} is vervangen door ronde ${status.round.supersededBy ?? ''}. Wie in de nieuwe ronde beslist, kreeg daarvoor een nieuwe e-mail.`,
              `The submission was submitted again: round ${status.round.number} was replaced by round ${status.round.supersededBy ?? ''}. Whoever decides in the new round received a new email for it.`,
            ),
          ),
        }),
      };
    case 'delegated': {
      const last = status.slot.delegations.find((d) => d.from.email === claims.a);
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Beslissing gedelegeerd', 'Decision delegated'),
          body: p(
            t(
              locale,
              `U hebt deze beslissing gedelegeerd aan ${last?.to.name ?? status.slot.holder.name} (${formatInstant(last?.at ?? '', locale, tz)}).`,
              `You delegated this decision to ${last?.to.name ?? status.slot.holder.name} (${formatInstant(last?.at ?? '', locale, tz)}).`,
            ),
          ),
        }),
      };
    }
    case 'waiting':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Nog niet aan de beurt', 'Not your turn yet'),
          body: `${projectHeader(state, status.round, locale, tz)}${p(
            t(
              locale,
              `Deze ronde verloopt in volgorde: eerst beslist ${status.waitingFor.name}. U krijgt een e-mail zodra het uw beurt is.`,
              `This round runs in order: ${status.waitingFor.name} decides first. You get an email when it is your turn.`,
            ),
          )}`,
        }),
      };
    case 'closed':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Deze ronde is afgesloten', 'This round is closed'),
          body: p(
            t(
              locale,
              `Ronde ${status.round.number} is afgesloten (${outcomeLabel(status.round.status, locale)}); uw beslissing is niet meer nodig.`,
              `Round ${status.round.number} is closed (${outcomeLabel(status.round.status, locale)}); your decision is no longer needed.`,
            ),
          ),
        }),
      };
    case 'project-closed':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Project afgesloten', 'Project closed'),
          body: p(
            t(
              locale,
              `Het project is ${outcomeLabel(state.status, locale)}.`,
              `The project is ${outcomeLabel(state.status, locale)}.`,
            ),
          ),
        }),
      };
    case 'open':
    case 'unknown':
      return { status: 404, html: notFoundPage(locale) };
  }
}

export function createLinkRouter({ client, config, logger, now }: LinkRoutesDependencies): Router {
  const router = Router();
  const timeZoneOf = (state: ProjectView, email: string): string =>
    knownPerson(state, email)?.timeZone ?? config.defaults.timeZone;
  const signer = config.links.signingKeys.length > 0 ? new LinkSigner(config.links.signingKeys) : undefined;
  const fallback = config.defaults.locale;

  router.use(['/d', '/r'], (_req, res, next) => {
    res.set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    next();
  });
  router.use(
    ['/d', '/r'],
    rateLimit({
      windowMs: 60_000,
      limit: config.links.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).send(
          page(fallback, {
            title: t(fallback, 'Even geduld', 'Please wait'),
            tone: 'warning',
            body: p(
              t(
                fallback,
                'Te veel aanvragen. Probeer het over een minuut opnieuw.',
                'Too many requests. Try again in a minute.',
              ),
            ),
          }),
        );
      },
    }),
  );
  router.use(['/d', '/r'], express.urlencoded({ extended: false, limit: '32kb' }));

  // A browser posts same-origin; a cross-site form post to a capability URL is refused.
  router.post(['/d/:token', '/d/:token/:action', '/r/:token', '/r/:token/:action'], (req, res, next) => {
    if (req.get('sec-fetch-site') === 'cross-site') {
      res.status(403).send(notFoundPage(fallback));
      return;
    }
    next();
  });

  async function verify(token: string | undefined, kind: 'decision' | 'review') {
    if (!signer || !token) return undefined;
    const verified = signer.verify(token, await now());
    if (!verified.ok || verified.claims.k !== kind) return undefined;
    return verified;
  }

  async function loadState(projectId: string): Promise<ProjectView | undefined> {
    try {
      return await client.workflow.getHandle(workflowIdFor(projectId)).query(projectQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  const notFound = (res: Response) => res.status(404).send(notFoundPage(fallback));

  function updateFailure(error: unknown): string | undefined {
    if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
    if (error instanceof WorkflowNotFoundError) return 'the project is closed';
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  async function decisionContext(req: Request) {
    const verified = await verify(req.params.token as string | undefined, 'decision');
    if (!verified) return undefined;
    const claims = verified.claims as DecisionClaims;
    const state = await loadState(claims.p);
    if (!state) return undefined;
    const locale = localeFor(state, claims.a, req, fallback);
    return { claims, expired: verified.expired, state, locale, action: `/d/${req.params.token as string}` };
  }

  function renderDecision(
    res: Response,
    ctx: NonNullable<Awaited<ReturnType<typeof decisionContext>>>,
    form: { comment?: string; error?: string; httpStatus?: number } = {},
  ): void {
    const { claims, state, locale, expired, action } = ctx;
    const status = decisionStatus(state, claims);
    if (status.kind === 'open') {
      if (expired) {
        res.status(410).send(
          page(locale, {
            title: t(locale, 'Deze link is verlopen', 'This link has expired'),
            tone: 'warning',
            body: `${p(
              t(
                locale,
                `De link verliep op ${formatInstant(new Date(claims.e).toISOString(), locale, timeZoneOf(state, claims.a))}. Uw beslissing is nog nodig: vraag een nieuwe link aan, die komt naar ${claims.a}.`,
                `The link expired on ${formatInstant(new Date(claims.e).toISOString(), locale, timeZoneOf(state, claims.a))}. Your decision is still needed: ask for a new link, sent to ${claims.a}.`,
              ),
            )}${renewForm(action, locale)}`,
          }),
        );
        return;
      }
      res.status(form.httpStatus ?? 200).send(
        page(locale, {
          title: t(
            locale,
            `Uw beslissing, ${knownPerson(state, claims.a)?.name ?? claims.a}`,
            `Your decision, ${knownPerson(state, claims.a)?.name ?? claims.a}`,
          ),
          body: `${projectHeader(state, status.round, locale, timeZoneOf(state, claims.a))}${decisionFormHtml(action, locale, form)}`,
        }),
      );
      return;
    }
    const rendered = decisionStatusPage(state, claims, status, locale, timeZoneOf(state, claims.a));
    res.status(rendered.status).send(rendered.html);
  }

  router.get('/d/:token', async (req, res) => {
    const ctx = await decisionContext(req);
    if (!ctx) return void notFound(res);
    renderDecision(res, ctx);
  });

  router.post('/d/:token', async (req, res) => {
    const ctx = await decisionContext(req);
    if (!ctx) return void notFound(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = decisionForm.safeParse({ decision: body.decision, comment: body.comment || undefined });
    const comment = typeof body.comment === 'string' ? body.comment : '';
    if (!form.success) {
      const needsComment = form.error.issues.some((issue) => issue.message === 'comment-required');
      const message = needsComment
        ? t(
            ctx.locale,
            'Schrijf een opmerking: die is verplicht om af te keuren of wijzigingen te vragen.',
            'Please write a comment: it is required to reject or request changes.',
          )
        : t(
            ctx.locale,
            'Kies goedkeuren, wijzigingen vragen of afkeuren.',
            'Choose approve, request changes or reject.',
          );
      return void renderDecision(res, ctx, { comment, error: message, httpStatus: 400 });
    }
    if (decisionStatus(ctx.state, ctx.claims).kind !== 'open' || ctx.expired)
      return void renderDecision(res, ctx);
    const { claims, locale } = ctx;
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
      const tz = timeZoneOf(ctx.state, claims.a);
      const next =
        result.roundStatus === 'open'
          ? t(
              locale,
              'De ronde wacht nog op andere goedkeurders.',
              'The round is still waiting for other approvers.',
            )
          : t(
              locale,
              `De ronde is afgesloten: ${outcomeLabel(result.roundStatus, locale)}.`,
              `The round is closed: ${outcomeLabel(result.roundStatus, locale)}.`,
            );
      res.status(200).send(
        page(locale, {
          title: t(
            locale,
            'Dank u — uw beslissing is geregistreerd',
            'Thank you — your decision is recorded',
          ),
          tone: 'success',
          body: `<div class="notice">${p(
            t(
              locale,
              `${outcomeLabel(result.decision, locale)} op ${formatInstant(result.decidedAt, locale, tz)}.`,
              `${outcomeLabel(result.decision, locale)} on ${formatInstant(result.decidedAt, locale, tz)}.`,
            ),
          )}</div>${p(next)}`,
        }),
      );
    } catch (error) {
      const reason = updateFailure(error);
      if (reason === undefined) throw error;
      logger.info('decision from a link was refused', {
        project: claims.p,
        gate: claims.g,
        round: claims.r,
        reason,
      });
      const fresh = await decisionContext(req);
      if (!fresh) return void notFound(res);
      renderDecision(res, fresh);
    }
  });

  router.post('/d/:token/delegate', async (req, res) => {
    const ctx = await decisionContext(req);
    if (!ctx) return void notFound(res);
    if (decisionStatus(ctx.state, ctx.claims).kind !== 'open' || ctx.expired)
      return void renderDecision(res, ctx);
    const { claims, locale } = ctx;
    const form = delegationForm.safeParse(req.body);
    const to = form.success
      ? personSchema.safeParse({ name: form.data.name, email: form.data.email, locale })
      : undefined;
    if (!form.success || !to?.success) {
      return void renderDecision(res, ctx, {
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
      res.status(200).send(
        page(locale, {
          title: t(locale, 'Gedelegeerd', 'Delegated'),
          tone: 'success',
          body: p(
            t(
              locale,
              `${to.data.name} (${to.data.email}) beslist nu in uw plaats en krijgt de aanvraag per e-mail.`,
              `${to.data.name} (${to.data.email}) now decides instead of you and receives the request by email.`,
            ),
          ),
        }),
      );
    } catch (error) {
      const reason = updateFailure(error);
      if (reason === undefined) throw error;
      res.status(409).send(
        page(locale, {
          title: t(locale, 'Delegeren lukte niet', 'Could not delegate'),
          tone: 'warning',
          body: p(reason),
        }),
      );
    }
  });

  router.post('/d/:token/renew', async (req, res) => {
    const ctx = await decisionContext(req);
    if (!ctx) return void notFound(res);
    const { claims, locale } = ctx;
    try {
      const result = await client.workflow
        .getHandle(workflowIdFor(claims.p))
        .executeUpdate(resendLinkUpdate, {
          args: [{ kind: 'decision', gate: claims.g, round: claims.r, approver: claims.a }],
        });
      res.status(200).send(
        page(locale, {
          title: t(locale, 'Nieuwe link verstuurd', 'New link sent'),
          tone: 'success',
          body: p(
            t(
              locale,
              `We stuurden een nieuwe link naar ${result.sentTo}.`,
              `We sent a new link to ${result.sentTo}.`,
            ),
          ),
        }),
      );
    } catch (error) {
      if (updateFailure(error) === undefined) throw error;
      renderDecision(res, { ...ctx, expired: false });
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Contract reviews

  async function reviewContext(req: Request) {
    const verified = await verify(req.params.token as string | undefined, 'review');
    if (!verified) return undefined;
    const claims = verified.claims as ReviewClaims;
    const state = await loadState(claims.p);
    const moment = state?.contract?.moments.find((m) => m.id === claims.m);
    if (!state || !moment) return undefined;
    const locale = localeFor(state, claims.a, req, fallback);
    return {
      claims,
      expired: verified.expired,
      state,
      moment,
      locale,
      action: `/r/${req.params.token as string}`,
    };
  }

  function reviewFormHtml(
    action: string,
    locale: Locale,
    values: Record<string, string>,
    error?: string,
  ): string {
    const field = (name: string, labelNl: string, labelEn: string, required = false) =>
      `<label for="${name}">${escapeHtml(t(locale, labelNl, labelEn))}${required ? ' *' : ''}</label><textarea id="${name}" name="${name}"${required ? ' required' : ''}>${escapeHtml(values[name] ?? '')}</textarea>`;
    const kpis = catalogue.contract_kpis
      .map(
        (kpi) =>
          `<label for="kpi-${kpi.id}">${escapeHtml(`${kpi[locale]} (${kpi.unit})`)}</label><input id="kpi-${kpi.id}" name="kpi-${kpi.id}" type="number" step="any" value="${escapeHtml(values[`kpi-${kpi.id}`] ?? '')}">`,
      )
      .join('\n');
    return `<form method="post" action="${escapeHtml(action)}">
${error ? p(error, 'error') : ''}
${field('performance', 'Prestaties en opvolging', 'Performance and follow-up', true)}
${field('availability', 'Beschikbaarheid', 'Availability')}
${field('repair', 'Herstellingen', 'Repairs')}
${field('maintenance', 'Onderhoud', 'Maintenance')}
${field('lifetime', 'Levensduur', 'Lifetime')}
${field('userTraining', 'Opleiding gebruikers', 'User training')}
${field('growthPath', 'Groeipad', 'Growth path')}
${field('issues', 'Knelpunten', 'Issues')}
<details open><summary>${escapeHtml(t(locale, 'KPI’s (optioneel)', 'KPIs (optional)'))}</summary>${kpis}</details>
<div class="buttons"><button class="approve" type="submit">${escapeHtml(t(locale, 'Review registreren', 'Record the review'))}</button></div>
</form>`;
  }

  function renderReview(
    res: Response,
    ctx: NonNullable<Awaited<ReturnType<typeof reviewContext>>>,
    values: Record<string, string> = {},
    error?: string,
    httpStatus = 200,
  ): void {
    const { state, moment, claims, locale, action, expired } = ctx;
    const contract = state.contract;
    const heading = `<p class="meta">${escapeHtml(`${state.title} · ${state.organisation} · ${contract?.supplier ?? ''}`)}</p><h2>${escapeHtml(
      `${formatDay(moment.dueOn, locale)}`,
    )}</h2>`;
    const closed = (title: string, text: string) =>
      res.status(200).send(page(locale, { title, body: `${heading}${p(text)}` }));
    if (moment.reviewedAt) {
      return void closed(
        t(locale, 'Review al geregistreerd', 'Review already recorded'),
        t(
          locale,
          `Deze review werd geregistreerd op ${formatInstant(moment.reviewedAt, locale, timeZoneOf(state, claims.a))}.`,
          `This review was recorded on ${formatInstant(moment.reviewedAt, locale, timeZoneOf(state, claims.a))}.`,
        ),
      );
    }
    if (moment.cancelledAt || state.step !== 'use-and-execution') {
      return void closed(
        t(locale, 'Opvolgmoment vervallen', 'Follow-up moment cancelled'),
        t(locale, 'Dit opvolgmoment gaat niet meer door.', 'This follow-up moment no longer takes place.'),
      );
    }
    if (contract && contract.manager.email !== claims.a) {
      return void closed(
        t(locale, 'Andere contractbeheerder', 'Another contract manager'),
        t(
          locale,
          `${contract.manager.name} beheert dit contract nu.`,
          `${contract.manager.name} manages this contract now.`,
        ),
      );
    }
    if (expired) {
      res.status(410).send(
        page(locale, {
          title: t(locale, 'Deze link is verlopen', 'This link has expired'),
          tone: 'warning',
          body: `${heading}${p(t(locale, `Vraag een nieuwe link aan; die komt naar ${claims.a}.`, `Ask for a new link; it is sent to ${claims.a}.`))}${renewForm(action, locale)}`,
        }),
      );
      return;
    }
    res.status(httpStatus).send(
      page(locale, {
        title: t(locale, 'Contractreview', 'Contract review'),
        body: `${heading}${reviewFormHtml(action, locale, values, error)}`,
      }),
    );
  }

  router.get('/r/:token', async (req, res) => {
    const ctx = await reviewContext(req);
    if (!ctx) return void notFound(res);
    renderReview(res, ctx);
  });

  router.post('/r/:token', async (req, res) => {
    const ctx = await reviewContext(req);
    if (!ctx) return void notFound(res);
    const body = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
        typeof value === 'string' ? [[key, value]] : [],
      ),
    );
    const text = (key: string) => (body[key]?.trim() ? body[key].trim() : undefined);
    const review = {
      momentId: ctx.claims.m,
      kpis: catalogue.contract_kpis.flatMap((kpi) => {
        const raw = text(`kpi-${kpi.id}`);
        return raw === undefined ? [] : [{ kpiId: kpi.id, value: Number(raw) }];
      }),
      performance: text('performance'),
      availability: text('availability'),
      repair: text('repair'),
      maintenance: text('maintenance'),
      lifetime: text('lifetime'),
      userTraining: text('userTraining'),
      growthPath: text('growthPath'),
      issues: text('issues'),
    };
    const parsed = contractReview.safeParse(review);
    if (!parsed.success) return void renderReview(res, ctx, body, describeIssues(parsed.error), 400);
    if (ctx.moment.reviewedAt || ctx.expired) return void renderReview(res, ctx);
    try {
      await client.workflow.getHandle(workflowIdFor(ctx.claims.p)).executeUpdate(recordReviewUpdate, {
        updateId: `review:${ctx.claims.p}:${ctx.claims.m}`,
        args: [{ review: parsed.data, by: ctx.claims.a, channel: 'email' }],
      });
      res.status(200).send(
        page(ctx.locale, {
          title: t(ctx.locale, 'Dank u — de review is geregistreerd', 'Thank you — the review is recorded'),
          tone: 'success',
          body: p(
            t(
              ctx.locale,
              'De review is toegevoegd aan het contractdossier.',
              'The review was added to the contract file.',
            ),
          ),
        }),
      );
    } catch (error) {
      if (updateFailure(error) === undefined) throw error;
      const fresh = await reviewContext(req);
      if (!fresh) return void notFound(res);
      renderReview(res, fresh);
    }
  });

  router.post('/r/:token/renew', async (req, res) => {
    const ctx = await reviewContext(req);
    if (!ctx) return void notFound(res);
    try {
      const result = await client.workflow
        .getHandle(workflowIdFor(ctx.claims.p))
        .executeUpdate(resendLinkUpdate, {
          args: [{ kind: 'review', momentId: ctx.claims.m, recipient: ctx.claims.a }],
        });
      res.status(200).send(
        page(ctx.locale, {
          title: t(ctx.locale, 'Nieuwe link verstuurd', 'New link sent'),
          tone: 'success',
          body: p(
            t(
              ctx.locale,
              `We stuurden een nieuwe link naar ${result.sentTo}.`,
              `We sent a new link to ${result.sentTo}.`,
            ),
          ),
        }),
      );
    } catch (error) {
      if (updateFailure(error) === undefined) throw error;
      renderReview(res, { ...ctx, expired: false });
    }
  });

  return router;
}
