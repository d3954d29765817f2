/**
 * The new-project page (GET/POST /work/projects/new): the product group first, with the lessons of
 * its earlier projects (the same read as GET /api/product-groups/:productGroup/lessons), then the
 * project, validated by the create schema and started by the same function as POST /api/projects.
 * Only officers start projects, and only for an organisation of their own.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { createProject, slug } from '../../domain/schemas';
import { newProjectForm } from '../../presentation/forms';
import { type FormState, addRow, listAt, removeRow, stateOfBody } from '../../presentation/forms/form-state';
import { parseForm } from '../../presentation/forms/parse';
import { type Problems, noProblems, problemsOfIssues } from '../../presentation/forms/problems';
import { shownPaths } from '../../presentation/forms/render';
import { newProjectPage } from '../../presentation/workspace/new-project-page';
import { t } from '../../presentation/locale';
import { fingerprint } from '../idempotency';
import { inScope } from '../project-scope';
import { startProject } from '../projects/create';
import { readLessons } from '../projects/read';
import { OFFICERS } from '../projects/shared';
import type { SignedIn } from '../session/sessions';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';
import { actionOf } from './gate-router';

const mayStart = (signedIn: SignedIn) => signedIn.principal.roles.some((role) => OFFICERS.includes(role));

/** A first visit's form: the person as requester, their organisation, the chosen product group. */
function initialState(signedIn: SignedIn, productGroup: string): FormState {
  const organisations = signedIn.person.organisations;
  return {
    productGroup: [productGroup],
    ...(organisations !== '*' && organisations[0] ? { organisation: [organisations[0]] } : {}),
    'requester.name': [signedIn.person.name],
    'requester.email': [signedIn.person.email],
  };
}

export function createNewProjectRouter(dependencies: WorkspaceDependencies): Router {
  const { client, config, calls, sessions, logger } = dependencies;
  const router = Router();

  async function render(
    req: Request,
    res: Response,
    signedIn: SignedIn,
    state: FormState,
    {
      status = 200,
      problems = noProblems(),
      focus,
    }: { status?: number; problems?: Problems; focus?: string } = {},
  ) {
    const productGroup = slug.safeParse(state.productGroup?.[0]);
    try {
      // The lessons help the officer start, but a project can be started without them: when their
      // workflow does not answer, the page says so instead of failing.
      const lessons = productGroup.success
        ? await readLessons({ client, calls }, productGroup.data).catch((error: unknown) => {
            logger.warn('the lessons of a product group could not be read', {
              productGroup: productGroup.data,
              error: (error as Error).message,
            });
            return undefined;
          })
        : [];
      res.status(status).send(
        newProjectPage(viewerOf(req, signedIn), {
          productGroup: productGroup.success ? productGroup.data : undefined,
          lessons,
          state,
          problems,
          canStart: mayStart(signedIn),
          ...(focus ? { focus } : {}),
        }),
      );
    } catch (error) {
      answerUnavailable(logger, error, res, localeOf(req, signedIn));
    }
  }

  router.get('/work/projects/new', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const asked = typeof req.query.productGroup === 'string' ? req.query.productGroup.trim() : '';
    const problems = noProblems();
    if (asked && !slug.safeParse(asked).success)
      problems.general.push(
        t(
          localeOf(req, signedIn),
          'Een productgroep is een kenmerk in kleine letters, cijfers en koppeltekens (bv. office-furniture).',
          'A product group is an id of lowercase letters, digits and hyphens (e.g. office-furniture).',
        ),
      );
    await render(req, res, signedIn, asked ? initialState(signedIn, asked) : {}, {
      status: problems.general.length > 0 ? 400 : 200,
      problems,
    });
  });

  router.post('/work/projects/new', sessions.csrf, async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const locale = localeOf(req, signedIn);
    let state = stateOfBody(req.body);
    if (!mayStart(signedIn)) {
      const problems = noProblems();
      problems.general.push(
        t(locale, 'Enkel aankopers kunnen een project starten.', 'Only officers can start a project.'),
      );
      return void (await render(req, res, signedIn, state, { status: 403, problems }));
    }
    const form = newProjectForm();
    const action = actionOf((req.body as Record<string, unknown>)._action);
    if (action.kind === 'add') {
      const list = listAt(form, action.path);
      let focus: string | undefined;
      if (list) ({ state, focus } = addRow(state, list.list, list.path));
      return void (await render(req, res, signedIn, state, focus ? { focus } : {}));
    }
    if (action.kind === 'remove') {
      state = removeRow(state, action.path, action.index);
      return void (await render(req, res, signedIn, state, { focus: `action:add:${action.path}` }));
    }
    if (action.kind !== 'submit') return void (await render(req, res, signedIn, state));

    const known = new Set(shownPaths(form, state));
    const parsed = createProject.safeParse(parseForm(form, state));
    if (!parsed.success)
      return void (await render(req, res, signedIn, state, {
        status: 400,
        problems: problemsOfIssues(parsed.error.issues, locale, (path) => known.has(path)),
      }));
    const project = parsed.data;
    const refuse = (status: number, field: string, message: string) => {
      const problems = noProblems();
      problems.byField.set(field, [message]);
      return render(req, res, signedIn, state, { status, problems });
    };
    if (!inScope(signedIn.principal, { organisation: project.organisation }))
      return void (await refuse(
        403,
        'organisation',
        t(
          locale,
          'U kunt enkel projecten van uw eigen organisaties starten.',
          'You can only start projects of your own organisations.',
        ),
      ));
    try {
      await startProject({ client, config, calls }, project, signedIn.principal, {
        body: fingerprint(project),
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        return void (await refuse(
          409,
          'id',
          t(
            locale,
            'Er bestaat al een project met dit kenmerk: kies een ander.',
            'A project with this id exists: choose another.',
          ),
        ));
      return void answerUnavailable(logger, error, res, locale);
    }
    res.redirect(303, `/work/projects/${project.id}?done=created`);
  });

  return router;
}
