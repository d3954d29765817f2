/**
 * The owner's answer to "does use go on past the contract end?" from the workspace: the same zod
 * schema and update as POST /api/projects/:id/use-confirmations, so the contract manager answers the
 * contract-end mail without writing JSON.
 */
import type { Router } from 'express';
import { useConfirmation } from '../../../domain/schemas/contract';
import { filled, formStrings, problemsOf } from '../../../presentation/form-fields';
import { usePage } from '../../../presentation/workspace/actions/use-page';
import { confirmUseUpdate } from '../../../workflows/messages';
import type { WorkspaceDependencies } from '../context';
import { actionRoute, done, refusalReason, refusedField } from './action-context';

const FIELDS = ['continues', 'until', 'reason'];
const fieldOf = ([first]: PropertyKey[]) =>
  typeof first === 'string' && FIELDS.includes(first) ? first : 'reason';

export function mountUseActions(router: Router, dependencies: WorkspaceDependencies): void {
  const { messages, sessions } = dependencies;
  const officers = (handler: Parameters<typeof actionRoute>[2]) =>
    actionRoute(dependencies, 'officers', handler);

  router.get(
    '/work/projects/:id/use',
    officers((action, _req, res) => void res.send(usePage(action.viewer, action.project, action.state))),
  );
  router.post(
    '/work/projects/:id/use',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const continues = values.continues === 'yes' ? true : values.continues === 'no' ? false : undefined;
      const parsed = useConfirmation.safeParse({
        continues,
        until: filled(values.until),
        reason: filled(values.reason),
      });
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, fieldOf);
        return void res.status(400).send(usePage(viewer, project, state, { values, problems }));
      }
      try {
        await messages.update(project.id, confirmUseUpdate, { ...parsed.data, by: action.email });
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        const field = refusedField(error, fieldOf);
        return void res.status(422).send(
          usePage(viewer, project, state, {
            values,
            refusal,
            ...(field ? { problems: { [field]: refusal } } : {}),
          }),
        );
      }
      done(res, project.id, parsed.data.continues ? 'use-confirmed' : 'end-of-use-started');
    }),
  );
}
