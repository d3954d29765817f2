/**
 * What the workspace's form pages share around the fields themselves (presentation/forms/): the
 * problem summary at the top that links to each field, the step's key questions and tools from the
 * catalogue, the notices, and the form's look.
 */
import type { Locale, StepId } from '../../domain/catalogue';
import { stepInfo, toolsOfStep } from '../../domain/catalogue';
import type { FormId } from '../forms/labels';
import { type Problems, fieldId, problemCount } from '../forms/problems';
import { fieldTitle } from '../forms/render';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';

/** The forms' own look (the CSP allows inline style elements, not style attributes set by script). */
export const FORM_STYLE = safeHtml`<style>
fieldset{border:1px solid #c8d2c8;border-radius:6px;margin:12px 0;padding:8px 12px}legend{font-weight:600;padding:0 4px}
fieldset.row{background:#f8faf8}.row.simple{display:flex;gap:8px;align-items:flex-end}.row.simple .field{flex:1}
.row-button{flex:0 0 auto;padding:6px 12px;margin:6px 0}.field.check{display:flex;gap:8px;align-items:center;margin:8px 0}
.field.check label{margin:0}.field.check input{width:20px;height:20px}select,input[type=date]{padding:8px;font:inherit;border:1px solid #999;border-radius:6px;max-width:100%}
.rule{color:#444;font-size:14px;margin:4px 0}.field-problem{margin:4px 0}[aria-invalid=true]{border-color:#8b1a1a}
.summary{border:2px solid #8b1a1a;border-radius:6px;padding:8px 14px;margin:12px 0}.summary h2{margin-top:4px;color:#8b1a1a}
.running-sum{font-weight:600}.help{background:#f1f5f1;border-radius:6px;padding:4px 14px;margin:12px 0}
</style>`;

/** The problems at the top, each a link to its field (which says the same beside it). */
export function problemSummary(form: FormId, problems: Problems, locale: Locale): SafeHtml {
  const count = problemCount(problems);
  if (count === 0) return safeHtml``;
  const items = [
    ...problems.general.map((message) => safeHtml`<li>${message}</li>`),
    ...[...problems.byField].flatMap(([path, messages]) =>
      messages.map(
        (message) =>
          safeHtml`<li><a href="#${fieldId(path)}">${fieldTitle(form, path, locale)}</a>: ${message}</li>`,
      ),
    ),
  ];
  return safeHtml`<div class="summary" id="problems" role="alert" tabindex="-1" autofocus aria-labelledby="problems-title"><h2 id="problems-title">${t(
    locale,
    count === 1 ? 'Er is 1 probleem' : `Er zijn ${count} problemen`,
    count === 1 ? 'There is 1 problem' : `There are ${count} problems`,
  )}</h2><ul>${items}</ul></div>`;
}

/** The step's key questions (catalogue, from the source text) and the tools that help with it. */
export function stepHelp(step: StepId, locale: Locale): SafeHtml {
  const info = stepInfo(step) as ReturnType<typeof stepInfo> & {
    key_questions_nl?: string[];
    key_questions_en?: string[];
  };
  const questions = (locale === 'nl' ? info.key_questions_nl : info.key_questions_en) ?? [];
  const tools = toolsOfStep(step);
  return safeHtml`<section class="help" aria-labelledby="help-title"><h2 id="help-title">${t(locale, 'Kernvragen van deze stap', 'Key questions of this step')}</h2>
<p>${locale === 'nl' ? info.summary_nl : info.summary_en}</p>
<ul>${questions.map((question) => safeHtml`<li>${question}</li>`)}</ul>
${tools.length > 0 ? safeHtml`<p>${t(locale, 'Hulpmiddelen', 'Tools')}:</p><ul>${tools.map((tool) => safeHtml`<li><a href="${tool.url[locale]}" rel="noopener noreferrer">${tool.label[locale]}</a></li>`)}</ul>` : ''}
</section>`;
}

export const notice = (text: string): SafeHtml => safeHtml`<p class="notice" role="status">${text}</p>`;
