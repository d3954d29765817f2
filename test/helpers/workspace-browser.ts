/**
 * What the workspace's browser tests share: an axe-core scan that fails on any WCAG 2.1 A/AA
 * violation, and signing a person in the way people do (ask for a link, open it from the mail in the
 * real SMTP capture, confirm).
 */
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Harness } from './harness';

/** axe-core in the page (evaluated through the DevTools protocol: the pages' CSP allows no inline script). */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const inPage = (globalThis as unknown as { axe: typeof axe }).axe;
    const result = await inPage.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect({ page: what, violations }).toEqual({ page: what, violations: [] });
}

/** A new browser context signed in as `email` (a person of the harness's PEOPLE), on /work. */
export async function signInThroughMail(
  h: Harness,
  browser: Browser,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const before = h.mail.messages.length;
  await page.goto(`${h.baseUrl}/sign-in`);
  await page.fill('input[name=email]', email);
  await page.click('button[type=submit]');
  // The person may be mailed about projects meanwhile: wait for the mail with the link.
  const [mail] = await h.mail.waitFor(
    (m) =>
      h.mail.messages.indexOf(m) >= before &&
      m.to.includes(email) &&
      m.links.some((url) => url.includes('/sign-in/link/')),
  );
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
  await page.goto(link);
  await page.click('button[type=submit]');
  await page.waitForURL(`${h.baseUrl}/work`);
  return { context, page };
}
