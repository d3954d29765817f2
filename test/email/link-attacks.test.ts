/**
 * What an attack run on the decision links found, each closed and kept closed, on the real stack:
 * tokens written another way, form posts from other sites, fresh links asked for too often, and
 * decisions the workflow refuses.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { LinkSigner } from '../../activities/links';
import { samplePeople } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { auditTrailQuery, projectQuery } from '../../workflows/messages';
import {
  SIGNING_KEYS,
  devServerEnvironment,
  eventually,
  type Harness,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import { decisionLink, decisionsIn, projectWithOpenRound, requestFor } from './decision-mail';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)));
afterAll(() => stopFileHarness(h, env));

const { internalClient: bram, purchaser: chloe } = samplePeople;
const signer = new LinkSigner(SIGNING_KEYS);
const DAY = 86_400_000;

function decisionToken(id: string, approver: string, expires: number): string {
  return signer.sign({ k: 'decision', p: id, g: 'circular-need', r: 1, a: approver, e: expires });
}

describe('only the canonical encoding of a token opens the page', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id: string;
  let token: string;

  beforeAll(async () => {
    id = await projectWithOpenRound(h, 'canonical');
    // A signature with both "-" and "_" in it, so that each can be written the other alphabet's way.
    for (let i = 0; ; i++) {
      token = decisionToken(id, bram.email, Date.now() + DAY + i);
      const signature = token.split('.')[3] ?? '';
      if (signature.includes('-') && signature.includes('_')) break;
    }
  });

  const withSignature = (change: (signature: string) => string): string => {
    const parts = token.split('.');
    return `/d/${[...parts.slice(0, 3), change(parts[3] ?? '')].join('.')}`;
  };
  const variants: [string, (signature: string) => string][] = [
    // 32 bytes fill 43 characters with two bits to spare: flipping one changes the text, not the bytes.
    [
      'a different last character that decodes to the same bytes',
      (s) => `${s.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(s.at(-1) ?? 'A') ^ 1]}`,
    ],
    ['padding appended', (s) => `${s}=`],
    ['"=anything" appended', (s) => `${s}=anything`],
    ['a "!" inserted', (s) => `${s.slice(0, 10)}!${s.slice(10)}`],
    ['"_" written as %2F', (s) => s.replace('_', '%2F')],
    ['"-" written as +', (s) => s.replace('-', '+')],
  ];

  test.each(variants)('a signature with %s opens no page and decides nothing', async (_name, change) => {
    const path = withSignature(change);
    expect(path).not.toBe(`/d/${token}`);
    const page = await request(h.baseUrl).get(path);
    expect(page.status).toBe(404);
    expect(page.text).toContain('Deze link is niet geldig');
    expect(page.text).not.toContain('Kantoormeubilair');
    const post = await request(h.baseUrl).post(path).type('form').send({ decision: 'approve' });
    expect(post.status).toBe(404);
    expect(await decisionsIn(h, id)).toEqual([]);
  });

  test('the token as it was signed still opens the page and decides', async () => {
    expect((await request(h.baseUrl).get(`/d/${token}`)).status).toBe(200);
    const post = await request(h.baseUrl).post(`/d/${token}`).type('form').send({ decision: 'approve' });
    expect(post.status).toBe(200);
    expect(await decisionsIn(h, id)).toEqual([`${bram.email}:approve`]);
  });
});

describe('a form post from another site', () => {
  const post = (link: string, headers: Record<string, string>) =>
    request(h.baseUrl).post(link).set(headers).type('form').send({ decision: 'approve' });

  test.each([
    ['Sec-Fetch-Site says cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site says same-site (a sibling host)', { 'Sec-Fetch-Site': 'same-site' }],
    ['no Sec-Fetch-Site and the Origin of another site', { Origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site and Origin null', { Origin: 'null' }],
  ])('is refused when %s, and decides nothing', async (_name, headers) => {
    const id = await projectWithOpenRound(h, 'cross-site');
    const link = decisionLink(h, await requestFor(h, id, bram.email));
    const response = await post(link, headers);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect((await post(`${link}/delegate`, headers)).status).toBe(403);
    expect(await decisionsIn(h, id)).toEqual([]);
  });

  test.each([
    ['the page’s own Origin (the public base URL)', () => ({ Origin: h.baseUrl })],
    ['neither header (curl, old clients: the token alone is the authority)', () => ({})],
  ])('decides when it carries %s', async (_name, headers) => {
    const id = await projectWithOpenRound(h, 'same-origin');
    const link = decisionLink(h, await requestFor(h, id, bram.email));
    expect((await post(link, headers())).status).toBe(200);
    expect(await decisionsIn(h, id)).toEqual([`${bram.email}:approve`]);
  });
});

describe('"send me a new link"', () => {
  const freshLinkEntries = async (id: string) =>
    (await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery)).filter(
      (e) => e.comment === 'fresh link after expiry',
    );
  const resentMails = (id: string) =>
    h.mail.messages.filter((m) => m.messageId?.includes(`cpo.${id}.`) && m.messageId.includes('.resend'));

  test('on a link that has not expired sends nothing and says to use the link you have', async () => {
    const id = await projectWithOpenRound(h, 'renew-valid');
    const link = decisionLink(h, await requestFor(h, id, bram.email));
    const response = await request(h.baseUrl).post(`${link}/renew`).type('form').send({});
    expect(response.status).toBe(409);
    expect(response.text).toContain('Uw link werkt nog');
    expect(response.text).toContain('Gebruik de link die u hebt');
    expect(response.text).toContain(`href="${link}"`);
    expect(await freshLinkEntries(id)).toEqual([]);
    expect(resentMails(id)).toEqual([]);
    expect((await request(h.baseUrl).get(link)).status).toBe(200);
  });

  test('asked twice at once and once more from the same expired link, sends one mail', async () => {
    const id = await projectWithOpenRound(h, 'renew-twice');
    await requestFor(h, id, bram.email);
    const expired = `/d/${decisionToken(id, bram.email, Date.now() - 60_000)}`;
    const renew = () => request(h.baseUrl).post(`${expired}/renew`).type('form').send({});
    const clicks = [...(await Promise.all([renew(), renew()])), await renew()];
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(clicks[0]?.text).toContain(bram.email);

    await requestFor(h, id, bram.email, (m) => m.messageId?.includes('.resend1.') === true);
    await eventually(async () => {
      const description = await h.client.workflow.getHandle(workflowIdFor(id)).describe();
      return (description.raw.pendingActivities ?? []).length === 0;
    });
    expect(resentMails(id)).toHaveLength(1);
    expect(await freshLinkEntries(id)).toHaveLength(1);
    const state = await h.client.workflow.getHandle(workflowIdFor(id)).query(projectQuery);
    const slot = state.rounds[0]?.slots.find((s) => s.holder.email === bram.email);
    expect(slot?.linksResent).toBe(1);
  });
});

describe('a decision the workflow refuses', () => {
  test('in an ordered round, the second approver’s post is refused with "not your turn" and records nothing', async () => {
    const id = await projectWithOpenRound(h, 'ordered', {
      approvals: {
        policy: { rule: 'all', sequential: true },
        reminders: { everyHours: 72, escalateAfter: 2 },
        gates: {},
      },
    });
    await requestFor(h, id, bram.email);
    const early = `/d/${decisionToken(id, chloe.email, Date.now() + DAY)}`;
    const response = await request(h.baseUrl).post(early).type('form').send({ decision: 'approve' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Not your turn yet');
    expect(response.text).toContain('Bram De Smet decides first');
    expect(await decisionsIn(h, id)).toEqual([]);
  });

  test('a comment the workflow finds invalid shows the form again with the reason (422) and records nothing', async () => {
    const id = await projectWithOpenRound(h, 'invalid-comment');
    const link = decisionLink(h, await requestFor(h, id, chloe.email));
    const response = await request(h.baseUrl)
      .post(link)
      .type('form')
      .send({ decision: 'reject', comment: 'Too costly \u0007 for now' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('must not contain control characters');
    expect(response.text).toContain('name="decision" value="reject"');
    const dutch = await request(h.baseUrl)
      .post(`${link}?lang=nl`)
      .type('form')
      .send({ decision: 'reject', comment: 'Too costly \u0007 for now' });
    expect(dutch.status).toBe(422);
    expect(dutch.text).toContain('Gebruik geen stuurtekens');
    expect(dutch.text).not.toContain('must not contain control characters');
    expect(response.text).toContain('Too costly');
    expect(await decisionsIn(h, id)).toEqual([]);
  });
});
