/**
 * The frame of every workspace page: the site navigation (My work, Projects, New project), who is
 * signed in, the language switch and sign-out. Pages of the workspace are server-rendered HTML that
 * works without script; a page may add same-origin scripts (presentation/workspace/assets/) that
 * only enhance it (live updates, running sums).
 */
import { type PageParts, p, page } from '../../api/pages';
import type { Locale } from '../../domain/catalogue';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';

/** The signed-in person, as every workspace page needs them. */
export interface WorkspaceViewer {
  name: string;
  email: string;
  organisations: '*' | string[];
  locale: Locale;
  timeZone: string;
  csrfToken: string;
  /** Where the language switch returns to (the page itself). */
  path: string;
}

/** The workspace's sections, for the navigation's current-page mark. */
export type WorkspaceSection = 'my-work' | 'projects' | 'new-project' | 'project';

/** The hidden field every POST form of a session carries (checked by sessions.csrf). */
export const csrfField = (csrfToken: string): SafeHtml =>
  safeHtml`<input type="hidden" name="_csrf" value="${csrfToken}">`;

/** A POST form with the session's CSRF token, whose one button does what it says. */
export function sessionForm(action: string, csrfToken: string, button: SafeHtml): SafeHtml {
  return safeHtml`<form method="post" action="${action}">${csrfField(csrfToken)}${button}</form>`;
}

function navigation(viewer: WorkspaceViewer, current: WorkspaceSection | undefined): SafeHtml {
  const { locale } = viewer;
  const link = (section: WorkspaceSection, href: string, label: string) =>
    safeHtml`<a href="${href}"${current === section ? safeHtml` aria-current="page"` : ''}>${label}</a>`;
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  return safeHtml`<nav class="site" aria-label="${t(locale, 'Werkruimte', 'Workspace')}">
${link('my-work', '/work', t(locale, 'Mijn werk', 'My work'))}
${link('projects', '/work/projects', t(locale, 'Projecten', 'Projects'))}
${link('new-project', '/work/projects/new', t(locale, 'Nieuw project', 'New project'))}
</nav>
<div class="buttons">
<form method="post" action="/work/locale">${csrfField(viewer.csrfToken)}<input type="hidden" name="return" value="${viewer.path}"><button class="secondary" type="submit" name="locale" value="${other}" lang="${other}">${other === 'nl' ? 'Nederlands' : 'English'}</button></form>
${sessionForm('/sign-out', viewer.csrfToken, safeHtml`<button class="secondary" type="submit">${t(locale, 'Afmelden', 'Sign out')}</button>`)}
</div>`;
}

function signedInAs(viewer: WorkspaceViewer): SafeHtml {
  const { locale } = viewer;
  const organisations =
    viewer.organisations === '*'
      ? t(locale, 'alle organisaties', 'all organisations')
      : viewer.organisations.join(', ');
  return p(
    t(
      locale,
      `Aangemeld als ${viewer.name} (${viewer.email}) — ${organisations}.`,
      `Signed in as ${viewer.name} (${viewer.email}) — ${organisations}.`,
    ),
    'meta',
  );
}

/** A whole workspace page: navigation, title, who is signed in, then the page's own body. */
export function workspacePage(
  viewer: WorkspaceViewer,
  parts: Omit<PageParts, 'nav' | 'wide'> & { current?: WorkspaceSection },
): string {
  const { current, body, ...rest } = parts;
  return page(viewer.locale, {
    ...rest,
    wide: true,
    nav: navigation(viewer, current),
    body: safeHtml`${signedInAs(viewer)}${body}`,
  });
}
