/**
 * The workspace's action pages over real HTTP, against the dev server, the real worker and SMTP
 * capture: each action changes the project as the API would (read back through GET
 * /api/projects/:id), refuses a post without the session's CSRF token, a viewer (403 with the
 * reason) and another organisation (the project page's 404); an amendment beyond the tender's
 * extension options shows the project's reason beside the form with the input kept; a decision made
 * in the workspace is the one the mailed link then finds already recorded.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type sampleAward, samplePeople, sampleProject } from '../../dev/sample-project';
import { addMonths } from '../../domain/follow-up';
import { escapeHtml } from '../../presentation/html';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  auditOf,
  createProject,
  getProject,
  sampleDeliverable,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';
import { type WorkspaceSession, send, signInOverHttp } from '../helpers/workspace-http';

const orgA = `Stad Acties ${uniqueId('a')}`;
const orgB = `Stad Elders ${uniqueId('b')}`;
const person = (name: string, roles: string[], organisation: string) => ({
  email: `${uniqueId(name)}@acties.example`.toLowerCase(),
  name,
  organisations: [organisation],
  roles,
  locale: 'en',
  timeZone: 'Europe/Brussels',
});
const officer = person('olivia', ['officer'], orgA);
const viewer = person('vera', ['viewer'], orgA);
const stranger = person('otto', ['officer'], orgB);
// The two approvers of the circular need in the decision project, in place of the sample people:
// they decide whatever their role.
const april = person('april', ['viewer'], orgA);
const bob = person('bob', ['viewer'], orgA);

const decisionProject = uniqueId('actions-decide');
const contractProject = uniqueId('actions-contract');
const cancelProject = uniqueId('actions-cancel');

let env: TestWorkflowEnvironment;
let h: Harness;
const sessions: Record<string, WorkspaceSession> = {};

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({
    env,
    configEnv: { PEOPLE: JSON.stringify([officer, viewer, stranger, april, bob]) },
    extraPeople: [april, bob],
  });
  const approvers = sampleProject('x').approvers.map((approver) =>
    approver.email === samplePeople.purchaser.email
      ? { ...approver, name: april.name, email: april.email }
      : approver.email === samplePeople.internalClient.email
        ? { ...approver, name: bob.name, email: bob.email }
        : approver,
  );
  await createProject(h, decisionProject, { organisation: orgA, title: 'Bureaustoelen', approvers });
  await createProject(h, contractProject, { organisation: orgA, title: 'Vergadertafels' });
  await createProject(h, cancelProject, { organisation: orgA, title: 'Kasten' });
  await submit(h, decisionProject, 'circular-need');
  for (const someone of [officer, viewer, stranger, april, bob])
    sessions[someone.email] = await signInOverHttp(h, someone.email);
}, 180_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const as = (someone: { email: string }): WorkspaceSession => sessions[someone.email] as WorkspaceSession;
const doneAt = (response: Response) => response.headers.get('location');

const OFFICER_PAGES = [
  'reviews/new',
  'amendments/new',
  'end-of-use',
  'resend',
  'approval-settings',
  'cancel',
] as const;

describe('every action checks scope, role and the CSRF token first', () => {
  test('another organisation gets the project page’s 404, on every page and post', async () => {
    for (const page of [...OFFICER_PAGES, 'decision']) {
      const shown = await as(stranger).get(`/work/projects/${decisionProject}/${page}`);
      expect({ page, status: shown.status }).toEqual({ page, status: 404 });
      expect(await shown.text()).toContain('Project not found');
      const posted = await as(stranger).post(`/work/projects/${decisionProject}/${page}`, {
        reason: 'A reason',
      });
      expect({ page, status: posted.status }).toEqual({ page, status: 404 });
    }
    const missing = await as(officer).get(`/work/projects/${uniqueId('missing')}/amendments/new`);
    expect(missing.status).toBe(404);
  });

  test('a viewer is refused every officer’s action with the reason (403), and nothing changes', async () => {
    for (const page of OFFICER_PAGES) {
      const shown = await as(viewer).get(`/work/projects/${decisionProject}/${page}`);
      expect({ page, status: shown.status }).toEqual({ page, status: 403 });
      expect(await shown.text()).toContain('Only procurement officers');
    }
    const posted = await as(viewer).post(`/work/projects/${cancelProject}/cancel`, {
      reason: 'Not mine to cancel',
      confirmed: 'yes',
    });
    expect(posted.status).toBe(403);
    const decision = await as(viewer).get(`/work/projects/${decisionProject}/decision`);
    expect(decision.status).toBe(403);
    expect(await decision.text()).toContain('not waiting on your decision');
    expect((await getProject(h, cancelProject)).status).not.toBe('cancelled');
  });

  test('a post without the session’s CSRF token is refused on every action', async () => {
    for (const page of [...OFFICER_PAGES, 'decision', 'decision/delegate']) {
      const posted = await as(officer).post(
        `/work/projects/${cancelProject}/${page}`,
        { reason: 'Without the token', confirmed: 'yes' },
        true,
      );
      expect({ page, status: posted.status }).toEqual({ page, status: 403 });
    }
    expect((await getProject(h, cancelProject)).status).not.toBe('cancelled');
  });
});

describe('deciding and delegating from the workspace', () => {
  test('the decision page shows the round’s digest above the buttons and refuses a rejection without comment', async () => {
    const project = await getProject(h, decisionProject);
    const page = await as(april).get(`/work/projects/${decisionProject}/decision`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(escapeHtml(project.currentRound.digest.en[0]));
    expect(html.indexOf(escapeHtml(project.currentRound.digest.en[0]))).toBeLessThan(
      html.indexOf('value="approve"'),
    );

    const refused = await as(april).post(`/work/projects/${decisionProject}/decision`, {
      decision: 'reject',
      comment: '   ',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(
      /id="comment-problem">Please check this field \(a comment is required to reject\)/,
    );
    const after = await getProject(h, decisionProject);
    expect(after.pendingApprovers).toContain(april.email);
  });

  test('a decision in the workspace is the mailed link’s decision: the link then finds it already recorded', async () => {
    const decided = await as(april).post(`/work/projects/${decisionProject}/decision`, {
      decision: 'approve',
      comment: 'Good need statement',
    });
    expect(decided.status).toBe(303);
    expect(doneAt(decided)).toBe(`/work/projects/${decisionProject}?done=decided`);
    const project = await getProject(h, decisionProject);
    const slot = project.currentRound.slots.find(
      (s: { holder: { email: string } }) => s.holder.email === april.email,
    );
    expect(slot.decision).toMatchObject({ kind: 'approve', comment: 'Good need statement' });
    expect(project.pendingApprovers).not.toContain(april.email);

    const [mail] = await waitForMail(h, decisionProject, 'approval-request', april.email);
    const link = mail?.links.find((url) => url.includes('/d/'));
    expect(link).toBeDefined();
    const linkPath = new URL(link as string).pathname;
    const opened = await send(h, `${linkPath}?lang=en`);
    expect(await opened.text()).toContain('Your decision is already recorded');
    // A click on the link's other button is answered from the workspace's decision.
    const clicked = await send(h, `${linkPath}?lang=en`, {
      method: 'POST',
      form: { decision: 'reject', comment: 'Changed my mind' },
    });
    expect(await clicked.text()).toContain('Already recorded: ');
    const decisions = (await auditOf(h, decisionProject)).filter(
      (entry) => entry.kind === 'decided' && entry.actor === april.email,
    );
    expect(decisions).toHaveLength(1);

    const again = await as(april).get(`/work/projects/${decisionProject}/decision`);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('You already decided in this round');
  });

  test('delegating names its problems beside the fields, then hands the decision on', async () => {
    const path = `/work/projects/${decisionProject}/decision/delegate`;
    const refused = await as(bob).post(path, { name: 'Dana Delegate', email: 'not an address', comment: '' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="email-problem"');
    expect(html).toContain('value="Dana Delegate"');
    expect(html).toContain('<details open>');

    const delegated = await as(bob).post(path, {
      name: 'Dana Delegate',
      email: 'dana.delegate@acties.example',
      comment: 'On leave',
    });
    expect(delegated.status).toBe(303);
    expect(doneAt(delegated)).toBe(`/work/projects/${decisionProject}?done=delegated`);
    const project = await getProject(h, decisionProject);
    expect(project.pendingApprovers).toContain('dana.delegate@acties.example');
    expect(project.pendingApprovers).not.toContain(bob.email);
  });
});

describe('approval settings and resending a link', () => {
  test('settings per gate: problems beside the fields, then the change in force', async () => {
    const path = `/work/projects/${decisionProject}/approval-settings`;
    const refused = await as(officer).post(path, {
      gate: 'circular-ambitions',
      rule: 'quorum',
      quorum: '',
      approvers: 'Ans <ans.peeters@gent.example>\nBram <bram.desmet@gent.example>',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="quorum-problem"');
    expect(html).toContain('Bram &lt;bram.desmet@gent.example&gt;');

    const changed = await as(officer).post(path, {
      gate: 'circular-ambitions',
      rule: 'quorum',
      quorum: '1',
      approvers: 'Ans <ans.peeters@gent.example>\nBram <bram.desmet@gent.example>',
    });
    expect(changed.status).toBe(303);
    expect(doneAt(changed)).toBe(`/work/projects/${decisionProject}?done=settings-changed`);
    const project = await getProject(h, decisionProject);
    expect(project.approvals.gates['circular-ambitions']).toEqual({
      approvers: [
        { name: 'Ans', email: 'ans.peeters@gent.example' },
        { name: 'Bram', email: 'bram.desmet@gent.example' },
      ],
      policy: { rule: 'quorum', quorum: 1, sequential: false },
    });
  });

  test('a link is resent to an approver the round waits on, and to nobody else', async () => {
    const path = `/work/projects/${decisionProject}/resend`;
    const refused = await as(officer).post(path, { approver: april.email });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('id="approver-problem"');

    // Bob delegated to Dana (above): the round waits on her.
    const waitingOn = 'dana.delegate@acties.example';
    const before = (await waitForMail(h, decisionProject, 'approval-request', waitingOn)).length;
    const resent = await as(officer).post(path, { approver: waitingOn });
    expect(resent.status).toBe(303);
    expect(doneAt(resent)).toBe(`/work/projects/${decisionProject}?done=link-resent`);
    await waitForMail(h, decisionProject, 'approval-request', waitingOn, before + 1);
  });
});

describe('the contract’s actions', () => {
  beforeAll(async () => {
    await advanceTo(h, contractProject, 'award');
    // A kick-off the day after the award is announced at once: its review can be recorded.
    const award = sampleDeliverable('award') as ReturnType<typeof sampleAward>;
    await submit(h, contractProject, 'award', {
      ...award,
      followUpCadence: { ...award.followUpCadence, kickOffWithinDays: 1 },
    });
    await approveRound(h, contractProject);
    await eventually(async () =>
      (await getProject(h, contractProject)).step === 'use-and-execution' ? true : undefined,
    );
  }, 300_000);

  test('an amendment beyond the tender’s extension options shows the reason beside the form, input kept; one within is made', async () => {
    const path = `/work/projects/${contractProject}/amendments/new`;
    const { contract } = await getProject(h, contractProject);
    const tooLong = addMonths(contract.end, 25);
    const refused = await as(officer).post(path, { contractEnd: tooLong, reason: 'Extension of 25 months' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('The project refused this change');
    expect(html).toContain(escapeHtml("the tender's extension options (24 months)"));
    expect(html).toContain(`value="${tooLong}"`);
    // Beside the field it is about, too.
    expect(html).toMatch(/id="contractEnd-problem">the tender&#39;s extension options/);
    expect(html).toContain('Extension of 25 months</textarea>');

    const blank = await as(officer).post(path, { contractEnd: '', reason: 'x' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('id="reason-problem"');

    const within = addMonths(contract.end, 12);
    const amended = await as(officer).post(path, {
      contractEnd: within,
      reason: 'Extension option used in part',
    });
    expect(amended.status).toBe(303);
    expect(doneAt(amended)).toBe(`/work/projects/${contractProject}?done=amended`);
    const after = await getProject(h, contractProject);
    expect(after.contract.end).toBe(within);
    expect(after.contract.amendments).toHaveLength(1);
  });

  test('a refusal reads in the page’s language, beside its field; the API answers English with the rule’s code', async () => {
    const path = `/work/projects/${contractProject}/amendments/new`;
    const past = '2020-01-01';
    const form = { contractEnd: past, reason: 'Backdating the end' };
    const dutch = await as(officer).post(`${path}?lang=nl`, form);
    expect(dutch.status).toBe(422);
    const nl = await dutch.text();
    expect(nl).toContain('Het project weigerde deze wijziging');
    expect(nl).toContain(`id="contractEnd-problem">Kies een einddatum in de toekomst: ${past} is dat niet.`);
    expect(nl).not.toContain('not in the future');

    const english = await as(officer).post(path, form);
    expect(english.status).toBe(422);
    const en = await english.text();
    expect(en).toContain(`id="contractEnd-problem">${past} is not in the future`);
    expect(en).not.toContain('Kies een einddatum');

    const api = await h.api().post(`/api/projects/${contractProject}/amendments`).send(form);
    expect(api.status).toBe(422);
    expect(api.body).toMatchObject({
      message: `contractEnd: ${past} is not in the future`,
      issues: [
        {
          path: 'contractEnd',
          message: `${past} is not in the future`,
          rule: 'amendment.end-not-future',
          params: { end: past },
        },
      ],
    });
  });

  test('a follow-up review is recorded for the moment chosen, with problems beside the fields first', async () => {
    const path = `/work/projects/${contractProject}/reviews/new`;
    // The kick-off's announcement goes out from the main loop, just after the contract starts.
    await eventually(async () => {
      const { contract } = await getProject(h, contractProject);
      return contract.moments.some((moment: { announcedAt?: string }) => moment.announcedAt) || undefined;
    });
    const page = await as(officer).get(path);
    expect(page.status).toBe(200);
    const momentId = /<option value="([^"]+)"/.exec(await page.text())?.[1];
    expect(momentId).toBeDefined();

    const refused = await as(officer).post(path, {
      momentId: momentId as string,
      performance: '',
      issues: 'Late delivery',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="performance-problem"');
    expect(html).toContain('Late delivery</textarea>');

    const recorded = await as(officer).post(path, { momentId: momentId as string, performance: 'On track' });
    expect(recorded.status).toBe(303);
    expect(doneAt(recorded)).toBe(`/work/projects/${contractProject}?done=review-recorded`);
    const { contract } = await getProject(h, contractProject);
    const moment = contract.moments.find((m: { id: string }) => m.id === momentId);
    expect(moment.reviewedAt).toEqual(expect.any(String));
  });

  test('end of use starts from the workspace', async () => {
    const path = `/work/projects/${contractProject}/end-of-use`;
    const refused = await as(officer).post(path, { reason: '' });
    expect(refused.status).toBe(400);
    const started = await as(officer).post(path, { reason: 'Chairs worn out early' });
    expect(started.status).toBe(303);
    expect(doneAt(started)).toBe(`/work/projects/${contractProject}?done=end-of-use-started`);
    expect((await getProject(h, contractProject)).step).toBe('end-of-use');
  });
});

test('cancelling asks for a reason, then for a confirmation, then cancels', async () => {
  const path = `/work/projects/${cancelProject}/cancel`;
  const confirm = await as(officer).post(path, { reason: 'The need disappeared' });
  expect(confirm.status).toBe(200);
  const html = await confirm.text();
  expect(html).toContain('Really cancel the project?');
  expect(html).toContain('name="confirmed" value="yes"');
  expect((await getProject(h, cancelProject)).status).not.toBe('cancelled');

  const cancelled = await as(officer).post(path, { reason: 'The need disappeared', confirmed: 'yes' });
  expect(cancelled.status).toBe(303);
  expect(doneAt(cancelled)).toBe(`/work/projects/${cancelProject}?done=cancelled`);
  await eventually(async () =>
    (await getProject(h, cancelProject)).status === 'cancelled' ? true : undefined,
  );
});
