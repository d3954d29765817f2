/**
 * The new-project page (GET/POST /work/projects/new). The officer names the product group first;
 * the page then shows the lessons earlier projects of that group left, above the rest of the form
 * (title, organisation, requester, team and roles, approvers), so they are read before the start.
 */
import type { Locale } from '../../domain/catalogue';
import type { Lesson } from '../../domain/project';
import { newProjectForm } from '../forms';
import type { FormState } from '../forms/form-state';
import { fieldLabel } from '../forms/labels';
import type { Problems } from '../forms/problems';
import { renderNode } from '../forms/render';
import { formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { atStart, outcomeLabel } from '../labels';
import { t } from '../locale';
import { FORM_STYLE, notice, problemSummary } from './form-parts';
import { type WorkspaceViewer, csrfField, workspacePage } from './layout';

export interface NewProjectView {
  /** The product group chosen, whose lessons are shown; none yet on the first visit. */
  productGroup?: string | undefined;
  /** Undefined when they could not be read just now. */
  lessons: Lesson[] | undefined;
  state: FormState;
  problems: Problems;
  canStart: boolean;
  focus?: string;
}

function lessonsHtml(
  productGroup: string,
  lessons: Lesson[] | undefined,
  locale: Locale,
  timeZone: string,
): SafeHtml {
  const title = t(
    locale,
    `Lessen van eerdere projecten (${productGroup})`,
    `Lessons of earlier projects (${productGroup})`,
  );
  if (lessons === undefined)
    return safeHtml`<section aria-labelledby="lessons-title"><h2 id="lessons-title">${title}</h2><p class="notice">${t(locale, 'De lessen van deze productgroep konden nu niet gelezen worden; probeer later opnieuw. U kunt het project toch al starten.', 'The lessons of this product group could not be read just now; try again later. You can start the project all the same.')}</p></section>`;
  if (lessons.length === 0)
    return safeHtml`<section aria-labelledby="lessons-title"><h2 id="lessons-title">${title}</h2><p>${t(locale, 'Er zijn nog geen lessen voor deze productgroep.', 'There are no lessons for this product group yet.')}</p></section>`;
  return safeHtml`<section aria-labelledby="lessons-title"><h2 id="lessons-title">${title}</h2>${lessons.map(
    (lesson) => safeHtml`<article class="help"><h3>${lesson.title} — ${lesson.organisation}</h3>
<p class="meta">${atStart(outcomeLabel(lesson.outcome, locale))}, ${formatInstant(lesson.completedAt, locale, timeZone)}${lesson.targetMet ? ` · ${t(locale, 'doelstelling gehaald', 'target met')}: ${lesson.targetMet}` : ''}</p>
<ul>${lesson.lessons.map((text) => safeHtml`<li>${text}</li>`)}</ul>
${lesson.nextTime ? safeHtml`<p><strong>${t(locale, 'Volgende keer', 'Next time')}:</strong> ${lesson.nextTime}</p>` : ''}
${lesson.nextAmbitionLevel ? safeHtml`<p><strong>${t(locale, 'Ambitieniveau volgende keer', 'Ambition level next time')}:</strong> ${lesson.nextAmbitionLevel}</p>` : ''}</article>`,
  )}</section>`;
}

export function newProjectPage(viewer: WorkspaceViewer, view: NewProjectView): string {
  const { locale } = viewer;
  const chooser = safeHtml`<form method="get" action="/work/projects/new"><label for="choose-product-group">${fieldLabel('new-project', 'productGroup', locale)}</label>
<input type="text" id="choose-product-group" name="productGroup" value="${view.productGroup ?? ''}" autocomplete="off" aria-describedby="choose-product-group-help">
<p class="rule" id="choose-product-group-help">${t(locale, 'Bijvoorbeeld office-furniture. Eerst de productgroep: de lessen van eerdere projecten verschijnen dan hieronder.', 'For example office-furniture. The product group first: the lessons of earlier projects then appear below.')}</p>
<div class="buttons"><button type="submit" class="secondary">${t(locale, 'Toon de lessen en ga verder', 'Show the lessons and go on')}</button></div></form>`;
  const rest = view.productGroup
    ? safeHtml`${lessonsHtml(view.productGroup, view.lessons, locale, viewer.timeZone)}
${
  view.canStart
    ? safeHtml`<form method="post" action="/work/projects/new" novalidate>${csrfField(viewer.csrfToken)}<h2>${t(locale, 'Het project', 'The project')}</h2>${renderNode(
        newProjectForm(),
        {
          form: 'new-project',
          locale,
          state: view.state,
          problems: view.problems,
          ...(view.focus ? { focus: view.focus } : {}),
        },
      )}<div class="buttons"><button type="submit" class="approve" name="_action" value="submit">${t(locale, 'Project starten', 'Start the project')}</button></div></form>`
    : notice(t(locale, 'Enkel aankopers kunnen een project starten.', 'Only officers can start a project.'))
}`
    : safeHtml``;
  return workspacePage(viewer, {
    title: t(locale, 'Nieuw project', 'New project'),
    current: 'new-project',
    body: safeHtml`${FORM_STYLE}${problemSummary('new-project', view.problems, locale)}${view.productGroup ? '' : chooser}${view.productGroup ? safeHtml`<p>${fieldLabel('new-project', 'productGroup', locale)}: <strong>${view.productGroup}</strong> · <a href="/work/projects/new">${t(locale, 'Andere productgroep', 'Another product group')}</a></p>` : ''}${rest}`,
  });
}
