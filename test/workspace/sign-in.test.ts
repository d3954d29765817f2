/**
 * Sign-in by mailed link and the session it starts, over real HTTP with the real SMTP capture and
 * the dev server, and the attacks that must all be refused: a used, expired, forged or other-address
 * link, a session cookie after sign-out or past its timeouts, a cross-site POST, and another
 * organisation's project by URL. The wall clock of sessions is a clock the test moves.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LinkSigner } from '../../activities/links';
import { SESSION_COOKIE } from '../../api/session/sessions';
import { sampleProject } from '../../dev/sample-project';
import {
  type Harness,
  SIGNING_KEYS,
  devServerEnvironment,
  eventually,
  startHarness,
} from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';
import { type SendOptions, csrfOf as csrfOfSession, send as sendTo } from '../helpers/workspace-http';

const orgA = `Stad A ${uniqueId('signin')}`;
const orgB = `Stad B ${uniqueId('signin')}`;
const anna = {
  email: 'anna.officer@a.example',
  name: 'Anna Officer',
  organisations: [orgA],
  roles: ['officer'],
  locale: 'en',
};
const ben = {
  email: 'ben.viewer@a.example',
  name: 'Ben Viewer',
  organisations: [orgA],
  roles: ['viewer'],
  locale: 'nl',
};
const IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 2;
/** Sign-in mails per address and hour: above what the other tests ask for one person. */
const RATE_LIMIT = 12;

let env: TestWorkflowEnvironment;
let h: Harness;
let clock = Date.now();
const projectA = uniqueId('signin-a');
const projectB = uniqueId('signin-b');

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({
    env,
    wallClock: () => clock,
    configEnv: {
      PEOPLE: JSON.stringify([anna, ben]),
      SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
      SESSION_ABSOLUTE_HOURS: String(ABSOLUTE_HOURS),
      SIGN_IN_RATE_LIMIT_PER_HOUR: String(RATE_LIMIT),
    },
  });
  for (const [id, organisation] of [
    [projectA, orgA],
    [projectB, orgB],
  ] as const) {
    const response = await h
      .api()
      .post('/api/projects')
      .send(sampleProject(id, { organisation, title: `Project of ${organisation}` }));
    expect(response.status).toBe(202);
  }
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** A fetch from our own pages (same origin), without following redirects. */
const send = (path: string, init: SendOptions = {}) => sendTo(h, path, init);

async function askForLink(email: string): Promise<string> {
  const before = h.mail.messages.length;
  const response = await send('/sign-in', { method: 'POST', form: { email } });
  expect(response.status).toBe(200);
  const [mail] = await h.mail.waitFor((m) => h.mail.messages.indexOf(m) >= before && m.to.includes(email));
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error('no sign-in link in the mail');
  return new URL(link).pathname;
}

/** Signs in through a fresh mailed link; the session cookie as a Cookie header. */
async function signIn(email: string): Promise<string> {
  const path = await askForLink(email);
  const response = await send(path, { method: 'POST' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/work');
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

const csrfOf = (cookie: string) => csrfOfSession(h, cookie);

test('a mailed link shows a button on GET and signs in on its POST, with a strict session cookie', async () => {
  const path = await askForLink(anna.email);
  const page = await send(path);
  expect(page.status).toBe(200);
  expect(page.headers.getSetCookie()).toEqual([]);
  expect(await page.text()).toContain('<button');

  const signedIn = await send(path, { method: 'POST' });
  expect(signedIn.status).toBe(303);
  const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).toMatch(/; SameSite=Lax/i);
  expect(cookie).toMatch(/; Path=\//);
  // PUBLIC_BASE_URL is http here: no Secure (the browser would drop the cookie).
  expect(cookie).not.toMatch(/; Secure/i);

  const work = await send('/work', { cookie: cookie?.split(';')[0] as string });
  expect(work.status).toBe(200);
  const html = await work.text();
  expect(html).toContain('My work');
  expect(html).toContain(anna.email);
});

test('an unknown address gets the same answer and no mail', async () => {
  const before = h.mail.messages.length;
  const known = await (await send('/sign-in', { method: 'POST', form: { email: ben.email } })).text();
  const unknown = await (
    await send('/sign-in', { method: 'POST', form: { email: 'nobody@elsewhere.example' } })
  ).text();
  expect(unknown.replace('nobody@elsewhere.example', ben.email)).toBe(known);
  await h.mail.waitFor((m) => m.to.includes(ben.email) && h.mail.messages.indexOf(m) >= before);
  expect(h.mail.messages.filter((m) => m.to.includes('nobody@elsewhere.example'))).toEqual([]);
});

test('a bad address is a 400 page that says what is wrong', async () => {
  const response = await send('/sign-in', { method: 'POST', form: { email: 'not an address' } });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('aria-invalid="true"');
});

test('a used link signs in once: a second POST and a later GET are refused', async () => {
  const path = await askForLink(ben.email);
  expect((await send(path, { method: 'POST' })).status).toBe(303);
  const again = await send(path, { method: 'POST' });
  expect(again.status).toBe(410);
  expect(again.headers.getSetCookie()).toEqual([]);
  expect((await send(path)).status).toBe(410);
});

describe('links that were never mailed by us, or no longer sign in', () => {
  const signer = new LinkSigner(SIGNING_KEYS);
  const token = (claims: { a: string; e: number; i?: string }) =>
    signer.sign({ k: 'sign-in', i: claims.i ?? uniqueId('id'), a: claims.a, e: claims.e });

  test.each([
    ['an expired link', () => token({ a: anna.email, e: clock - 1 }), 410],
    ['a forged signature', () => `${token({ a: anna.email, e: clock + 60_000 }).slice(0, -4)}AAAA`, 404],
    [
      'a link signed with a key we do not have',
      () =>
        new LinkSigner([{ id: 'k2026', secret: 'x'.repeat(40) }]).sign({
          k: 'sign-in',
          i: 'x',
          a: anna.email,
          e: clock + 60_000,
        }),
      404,
    ],
    [
      'a link for an address that may not sign in',
      () => token({ a: 'mallory@evil.example', e: clock + 60_000 }),
      404,
    ],
    [
      'an approval link at the sign-in address',
      () =>
        signer.sign({
          k: 'decision',
          p: projectA,
          g: 'circular-need',
          r: 1,
          a: anna.email,
          e: clock + 60_000,
        }),
      404,
    ],
  ])('%s is refused on GET and POST, without a cookie', async (_name, make, status) => {
    const path = `/sign-in/link/${make()}`;
    expect((await send(path)).status).toBe(status);
    const post = await send(path, { method: 'POST' });
    expect(post.status).toBe(status);
    expect(post.headers.getSetCookie()).toEqual([]);
  });

  test("an address changed inside a valid link's claims breaks its signature", async () => {
    const [v, kid, claims, signature] = token({ a: ben.email, e: clock + 60_000 }).split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(claims as string, 'base64url').toString()), a: anna.email }),
    ).toString('base64url');
    expect((await send(`/sign-in/link/${v}.${kid}.${altered}.${signature}`, { method: 'POST' })).status).toBe(
      404,
    );
  });
});

test('after sign-out the old cookie opens nothing', async () => {
  const cookie = await signIn(anna.email);
  const csrf = await csrfOf(cookie);
  const out = await send('/sign-out', { method: 'POST', cookie, form: { _csrf: csrf } });
  expect(out.status).toBe(200);
  const after = await send('/work', { cookie });
  expect(after.status).toBe(303);
  expect(after.headers.get('location')).toBe('/sign-in');
});

test('a session ends after the idle timeout, and after the absolute one however busy', async () => {
  const idle = await signIn(anna.email);
  clock += (IDLE_MINUTES - 1) * 60_000;
  expect((await send('/work', { cookie: idle })).status).toBe(200);
  clock += IDLE_MINUTES * 60_000;
  expect((await send('/work', { cookie: idle })).status).toBe(303);

  const busy = await signIn(anna.email);
  for (let minutes = 0; minutes < ABSOLUTE_HOURS * 60; minutes += IDLE_MINUTES - 1) {
    expect((await send('/work', { cookie: busy })).status).toBe(200);
    clock += (IDLE_MINUTES - 1) * 60_000;
  }
  expect((await send('/work', { cookie: busy })).status).toBe(303);
});

test('cross-site POSTs are refused: another Origin, or no CSRF token, changes nothing', async () => {
  const cookie = await signIn(anna.email);
  const csrf = await csrfOf(cookie);
  const evil = await send('/sign-out', {
    method: 'POST',
    cookie,
    form: { _csrf: csrf },
    origin: 'https://evil.example',
  });
  expect(evil.status).toBe(403);
  const noToken = await send('/sign-out', { method: 'POST', cookie, form: {} });
  expect(noToken.status).toBe(403);
  const wrongToken = await send('/work/locale', {
    method: 'POST',
    cookie,
    form: { _csrf: 'x'.repeat(43), locale: 'nl' },
  });
  expect(wrongToken.status).toBe(403);
  // Still signed in, still in English.
  const work = await send('/work', { cookie });
  expect(work.status).toBe(200);
  expect(await work.text()).toContain('My work');

  // A sign-in link posted from elsewhere stays unused.
  const path = await askForLink(ben.email);
  expect((await send(path, { method: 'POST', origin: 'https://evil.example' })).status).toBe(403);
  expect((await send(path, { method: 'POST' })).status).toBe(303);
});

test("another organisation's project by URL is the same not-found page as a missing one", async () => {
  const cookie = await signIn(anna.email);
  await eventually(async () => (await send(`/work/projects/${projectA}`, { cookie })).status === 200);
  const own = await (await send(`/work/projects/${projectA}`, { cookie })).text();
  expect(own).toContain(`Project of ${orgA}`);

  const other = await send(`/work/projects/${projectB}`, { cookie });
  const missing = await send(`/work/projects/${uniqueId('missing')}`, { cookie });
  expect(other.status).toBe(404);
  expect(missing.status).toBe(404);
  const otherHtml = await other.text();
  expect(otherHtml).toBe(await missing.text());
  expect(otherHtml).not.toContain(orgB);
  expect((await h.api().get(`/api/projects/${projectB}`)).body.organisation).toBe(orgB);
});

test('asking for links is rate limited per address, and the refusal says nothing about the address', async () => {
  const address = 'someone.unknown@a.example';
  for (let i = 0; i < RATE_LIMIT; i++)
    expect((await send('/sign-in', { method: 'POST', form: { email: address } })).status).toBe(200);
  expect((await send('/sign-in', { method: 'POST', form: { email: address } })).status).toBe(429);
  expect(
    (await send('/sign-in', { method: 'POST', form: { email: 'another.unknown@a.example' } })).status,
  ).toBe(200);
});
