/**
 * Sign-in through OpenID Connect against a real provider (oidc-provider, started by this test on
 * 127.0.0.1 in a process of its own, PKCE required): Chromium goes from the sign-in page through
 * the provider's login and consent to "My work". A callback that this browser did not start, or
 * with an altered state, and an identity outside the people directory are refused.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { type Harness, devServerEnvironment, startHarness } from '../helpers/harness';
import { launchChromium } from '../helpers/browser';

const person = {
  email: 'olga.oidc@a.example',
  name: 'Olga Oidc',
  organisations: ['Stad A'],
  roles: ['officer'],
  locale: 'en',
};
let env: TestWorkflowEnvironment;
let h: Harness;
let provider: ChildProcessWithoutNullStreams;
let browser: Browser;

/** Resolves with the first stdout line of the provider that starts with `prefix`. */
function lineFrom(child: ChildProcessWithoutNullStreams, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((candidate) => candidate.startsWith(prefix));
      if (line) {
        child.stdout.off('data', onData);
        resolve(line.slice(prefix.length).trim());
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code}) before "${prefix}"`)));
  });
}

beforeAll(async () => {
  provider = spawn(
    process.execPath,
    [path.join(__dirname, 'oidc-provider-server.mjs'), 'workspace-test', 'a-client-secret-for-the-test'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  provider.stderr.resume();
  const issuer = await lineFrom(provider, 'ISSUER ');
  env = await devServerEnvironment();
  h = await startHarness({
    env,
    configEnv: {
      PEOPLE: JSON.stringify([person]),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'workspace-test',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-the-test',
    },
  });
  const ready = lineFrom(provider, 'READY');
  provider.stdin.write(`${h.baseUrl}/sign-in/oidc/callback\n`);
  await ready;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  provider?.kill('SIGTERM');
  await h?.close();
  await env?.teardown();
});

/** From the sign-in page through the provider's login and consent; the page where it ends. */
async function signInAtProvider(login: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/sign-in?lang=en`);
  await page.click("text=Sign in with your organisation's account");
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any password');
  await page.click('button[type=submit]');
  // The provider asks for consent once per client and account.
  await page.waitForLoadState();
  if (!page.url().startsWith(h.baseUrl)) await page.click('button[type=submit]');
  await page.waitForURL((url) => url.href.startsWith(h.baseUrl));
  return { page, context };
}

test('a person of the directory signs in at the provider and lands on My work', async () => {
  const { page, context } = await signInAtProvider(person.email);
  expect(new URL(page.url()).pathname).toBe('/work');
  expect(await page.textContent('h1')).toBe('My work');
  expect(await page.textContent('body')).toContain(person.email);
  const cookies = await context.cookies(h.baseUrl);
  expect(cookies.find((cookie) => cookie.name === 'cpo_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Lax',
  });
  await context.close();
});

test('an identity the directory does not list gets no session', async () => {
  const { page, context } = await signInAtProvider('stranger@elsewhere.example');
  expect(new URL(page.url()).pathname).toBe('/sign-in/oidc/callback');
  expect(await page.textContent('h1')).toBe('Sign-in failed');
  expect((await context.cookies(h.baseUrl)).find((cookie) => cookie.name === 'cpo_session')).toBeUndefined();
  await context.close();
});

test('a callback this browser did not start, or with an altered state, is refused', async () => {
  const unstarted = await fetch(`${h.baseUrl}/sign-in/oidc/callback?code=abc&state=xyz`, {
    redirect: 'manual',
  });
  expect(unstarted.status).toBe(403);
  expect(unstarted.headers.getSetCookie().some((c) => c.startsWith('cpo_session='))).toBe(false);

  const start = await fetch(`${h.baseUrl}/sign-in/oidc`, { redirect: 'manual' });
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location') as string);
  // Code flow with PKCE (S256), state and nonce.
  expect(authorization.searchParams.get('response_type')).toBe('code');
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('nonce')).toEqual(expect.any(String));
  const flowCookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  const issuer = encodeURIComponent(h.config.workspace.oidc?.issuer ?? '');
  const altered = await fetch(
    `${h.baseUrl}/sign-in/oidc/callback?code=abc&state=${authorization.searchParams.get('state')}x&iss=${issuer}`,
    { redirect: 'manual', headers: { cookie: flowCookie } },
  );
  expect(altered.status).toBe(403);
  expect(altered.headers.getSetCookie().some((c) => c.startsWith('cpo_session='))).toBe(false);
});
