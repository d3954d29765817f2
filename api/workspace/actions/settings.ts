/**
 * Approval settings per gate (the API's PATCH /api/projects/:id/approval-settings, its schema
 * `approvalSettingsChange`) and resending a decision link to an approver the open round waits on
 * (the update behind "Send me a new link" on an expired link, under the same id per 15 minutes, so
 * a double click and the approver's own request in that window send one mail).
 */
import type { Router } from 'express';
import { z } from 'zod';
import { renewUpdateId } from '../../links/link-tools';
import { approvalSettingsChange, email } from '../../../domain/schemas';
import { filled, formStrings, problemsOf } from '../../../presentation/form-fields';
import { t } from '../../../presentation/locale';
import { approvalSettingsPage, resendPage } from '../../../presentation/workspace/actions/settings-pages';
import { changeApprovalSettingsUpdate, resendLinkUpdate } from '../../../workflows/messages';
import type { WorkspaceDependencies } from '../context';
import { actionRoute, done, refusalReason } from './action-context';

/** "Name <address>" per line; a bare address is its own name. */
function approversFromText(text: string | undefined) {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.map((line) => {
    const match = /^(.*?)\s*<([^>]*)>$/.exec(line);
    const address = (match ? (match[2] ?? '') : line).trim().toLowerCase();
    return { name: match?.[1]?.trim() || address, email: address };
  });
}

/** The form as the API's change: one gate's approvers (when given) and rule. */
function settingsChangeFromForm(form: Record<string, string>) {
  const quorum = filled(form.quorum);
  return {
    gates: {
      [form.gate ?? '']: {
        approvers: approversFromText(form.approvers),
        policy: {
          rule: form.rule,
          quorum: quorum === undefined ? undefined : Number(quorum),
          sequential: form.sequential === 'yes',
        },
      },
    },
  };
}

function settingsFieldOf(path: PropertyKey[]): string {
  const [, , part, field] = path;
  if (path.length < 2) return 'gate';
  if (part === 'approvers') return 'approvers';
  if (part === 'policy') return field === 'quorum' ? 'quorum' : 'rule';
  return 'gate';
}

const resendForm = z.object({ approver: email });

export function mountSettingsActions(router: Router, dependencies: WorkspaceDependencies): void {
  const { messages, sessions, now } = dependencies;
  const officers = (handler: Parameters<typeof actionRoute>[2]) =>
    actionRoute(dependencies, 'officers', handler);

  router.get(
    '/work/projects/:id/approval-settings',
    officers(
      (action, _req, res) => void res.send(approvalSettingsPage(action.viewer, action.project, action.state)),
    ),
  );
  router.post(
    '/work/projects/:id/approval-settings',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const parsed = approvalSettingsChange.safeParse(settingsChangeFromForm(values));
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, settingsFieldOf);
        return void res.status(400).send(approvalSettingsPage(viewer, project, state, { values, problems }));
      }
      try {
        await messages.update(project.id, changeApprovalSettingsUpdate, {
          change: parsed.data,
          by: action.email,
        });
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        return void res.status(422).send(approvalSettingsPage(viewer, project, state, { values, refusal }));
      }
      done(res, project.id, 'settings-changed');
    }),
  );

  router.get(
    '/work/projects/:id/resend',
    officers((action, _req, res) => void res.send(resendPage(action.viewer, action.project, action.state))),
  );
  router.post(
    '/work/projects/:id/resend',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const round = state.currentRound;
      const parsed = resendForm.safeParse({ approver: filled(values.approver)?.toLowerCase() });
      if (!round || !parsed.success || !state.pendingApprovers.includes(parsed.data.approver)) {
        const problems = {
          approver: t(
            locale,
            'Kies een goedkeurder op wie de ronde wacht.',
            'Choose an approver the round waits on.',
          ),
        };
        return void res.status(400).send(resendPage(viewer, project, state, { values, problems }));
      }
      const { approver } = parsed.data;
      try {
        await messages.update(
          project.id,
          resendLinkUpdate,
          { kind: 'decision', gate: round.gate, round: round.number, approver },
          renewUpdateId([round.gate, round.number, approver], now()),
        );
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        return void res.status(409).send(resendPage(viewer, project, state, { values, refusal }));
      }
      done(res, project.id, 'link-resent');
    }),
  );
}
