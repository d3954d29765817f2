/**
 * A form's fields as server-rendered HTML: one control per field, named by its path, labelled in
 * the reader's language, with its problems beside it (aria-invalid, aria-describedby) and each
 * group's cross-field rule before it. Repeating groups get "Add another …" and "Remove" buttons
 * that submit the form (no script needed); the server shows it again with the row added or removed.
 */
import type { Locale } from '../../domain/catalogue';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';
import { optionLabel, optionsFor } from './choices';
import type { FieldNode } from './describe';
import { type FormState, rowsOf, shownRows } from './form-state';
import { type FormId, fieldLabel } from './labels';
import { type Problems, fieldId } from './problems';
import { ruleOf, runningSumOf } from './rules';

export interface RenderContext {
  form: FormId;
  locale: Locale;
  state: FormState;
  problems: Problems;
  /** Read-only (a viewer): controls disabled, no row buttons. */
  readOnly?: boolean;
  /** The field (its path) or row button (`action:<value>`) to focus when the page loads: after "Add another" / "Remove". */
  focus?: string;
}

/** The pattern of a concrete path: `objectives.2.strategies.0` → `objectives.strategies`. */
export const patternOf = (path: string): string =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** "Objectives 3 › Strategies 1": where a field is, for the problem summary. */
export function fieldTitle(form: FormId, path: string, locale: Locale): string {
  const parts = path.split('.');
  const names: string[] = [];
  parts.forEach((part, index) => {
    if (/^\d+$/.test(part)) {
      names[names.length - 1] = `${names.at(-1) ?? ''} ${Number(part) + 1}`;
      return;
    }
    names.push(fieldLabel(form, patternOf(parts.slice(0, index + 1).join('.')), locale));
  });
  return names.join(' › ');
}

function problemsOf(context: RenderContext, path: string): { html: SafeHtml; ids: string[] } {
  const list = context.problems.byField.get(path) ?? [];
  if (list.length === 0) return { html: safeHtml``, ids: [] };
  const id = `${fieldId(path)}-problem`;
  return {
    html: safeHtml`<p class="error field-problem" id="${id}">${list.join(' ')}</p>`,
    ids: [id],
  };
}

function ruleHtml(context: RenderContext, path: string): { html: SafeHtml; ids: string[] } {
  const rule = ruleOf(context.form, patternOf(path), context.locale);
  if (!rule) return { html: safeHtml``, ids: [] };
  const id = `${fieldId(path)}-rule`;
  return { html: safeHtml`<p class="rule" id="${id}">${rule}</p>`, ids: [id] };
}

function describedBy(ids: string[], path: string, context: RenderContext): SafeHtml {
  const invalid = context.problems.byField.has(path);
  const focus = context.focus === path ? safeHtml` autofocus` : '';
  return safeHtml`${focus}${ids.length > 0 ? safeHtml` aria-describedby="${ids.join(' ')}"` : ''}${invalid ? safeHtml` aria-invalid="true"` : ''}${context.readOnly ? safeHtml` disabled` : ''}`;
}

function labelText(node: FieldNode, context: RenderContext, path: string, row?: number): string {
  const base = fieldLabel(context.form, patternOf(path), context.locale);
  const numbered = row === undefined ? base : `${base} ${row + 1}`;
  return node.optional ? `${numbered} ${t(context.locale, '(optioneel)', '(optional)')}` : numbered;
}

function control(
  node: FieldNode,
  context: RenderContext,
  path: string,
  row?: number,
  rowOf?: (name: string) => string | undefined,
): SafeHtml {
  const id = fieldId(path);
  const value = context.state[path]?.[0] ?? '';
  const problem = problemsOf(context, path);
  const rule = ruleHtml(context, path);
  const aria = describedBy([...rule.ids, ...problem.ids], path, context);
  const label = safeHtml`<label for="${id}">${labelText(node, context, path, row)}</label>`;
  switch (node.kind) {
    case 'text': {
      const max = node.maxLength !== undefined ? safeHtml` maxlength="${node.maxLength}"` : '';
      if (node.multiline)
        return safeHtml`<div class="field">${label}${rule.html}${problem.html}<textarea id="${id}" name="${path}"${max}${aria}>\n${value}</textarea></div>`;
      const type = node.format ?? 'text';
      const extra = node.format === 'email' ? safeHtml` autocomplete="off" spellcheck="false"` : '';
      return safeHtml`<div class="field">${label}${rule.html}${problem.html}<input type="${type}" id="${id}" name="${path}" value="${value}"${max}${extra}${aria}></div>`;
    }
    case 'number':
      return safeHtml`<div class="field">${label}${rule.html}${problem.html}<input type="text" inputmode="${node.integer ? 'numeric' : 'decimal'}" id="${id}" name="${path}" value="${value}"${aria}></div>`;
    case 'boolean':
      return safeHtml`<div class="field check">${rule.html}${problem.html}<input type="checkbox" id="${id}" name="${path}" value="true"${value === 'true' ? safeHtml` checked` : ''}${aria}>${label}</div>`;
    case 'choice': {
      const offered = optionsFor(node.pattern, node.options, rowOf ?? (() => undefined));
      // A value no longer offered (another objective chosen since) stays visible until changed.
      const options = value && !offered.includes(value) ? [value, ...offered] : offered;
      const none = node.optional
        ? t(context.locale, '— geen —', '— none —')
        : t(context.locale, '— kies —', '— choose —');
      return safeHtml`<div class="field">${label}${rule.html}${problem.html}<select id="${id}" name="${path}"${aria}><option value="">${none}</option>${options.map(
        (option) =>
          safeHtml`<option value="${option}"${option === value ? safeHtml` selected` : ''}>${optionLabel(node.pattern, option, context.locale)}</option>`,
      )}</select></div>`;
    }
    default:
      return renderNode(node, context, path, row);
  }
}

function rowButton(context: RenderContext, action: string, text: string, extra = ''): SafeHtml {
  if (context.readOnly) return safeHtml``;
  const focus = context.focus === `action:${action}` ? safeHtml` autofocus` : '';
  return safeHtml`<button type="submit" class="secondary row-button${extra}" name="_action" value="${action}"${focus}>${text}</button>`;
}

function listHtml(
  node: Extract<FieldNode, { kind: 'list' }>,
  context: RenderContext,
  path: string,
): SafeHtml {
  const { locale } = context;
  const label = fieldLabel(context.form, node.pattern, locale);
  const rows = shownRows(context.state, node, path);
  const problem = problemsOf(context, path);
  const rule = ruleHtml(context, path);
  const items = rows.map((row, index) => {
    const rowPath = at(path, row);
    const remove = rowButton(
      context,
      `remove:${rowPath}`,
      t(
        locale,
        `Verwijder ${label.toLowerCase()} ${index + 1}`,
        `Remove ${label.toLowerCase()} ${index + 1}`,
      ),
    );
    if (node.item.kind === 'group' || node.item.kind === 'variants') {
      const item = node.item;
      const fields = item.kind === 'group' ? item.fields : [];
      const rowOf = (name: string) => context.state[at(rowPath, name)]?.[0];
      const inner =
        item.kind === 'group'
          ? fields.map((field) => control(field, context, at(rowPath, field.name), undefined, rowOf))
          : renderNode(item, context, rowPath);
      return safeHtml`<fieldset class="row" id="${fieldId(rowPath)}"><legend>${label} ${index + 1}</legend>${inner}${remove}</fieldset>`;
    }
    return safeHtml`<div class="row simple">${control(node.item, context, rowPath, index)}${remove}</div>`;
  });
  const sum = runningSumOf(context.form, node.pattern);
  const sumHtml = sum
    ? safeHtml`<p class="running-sum" data-sum-list="${path}" data-sum-field="${sum.field}" data-sum-target="${sum.target}" aria-live="polite">${sumText(context, path, sum)}</p>`
    : '';
  const full = node.maxItems !== undefined && rows.length >= node.maxItems;
  const add = full
    ? safeHtml``
    : rowButton(
        context,
        `add:${path}`,
        t(locale, `Voeg nog een toe: ${label.toLowerCase()}`, `Add another: ${label.toLowerCase()}`),
      );
  const optional = node.optional ? ` ${t(locale, '(optioneel)', '(optional)')}` : '';
  return safeHtml`<fieldset class="list" id="${fieldId(path)}"${context.problems.byField.has(path) ? safeHtml` aria-invalid="true"` : ''}${problem.ids.length + rule.ids.length > 0 ? safeHtml` aria-describedby="${[...rule.ids, ...problem.ids].join(' ')}"` : ''}><legend>${label}${optional}</legend>${rule.html}${problem.html}${items}${sumHtml}${add}</fieldset>`;
}

function sumText(context: RenderContext, path: string, sum: { field: string; target: number }): string {
  const total = rowsOf(context.state, path)
    .map((row) => Number(context.state[at(at(path, row), sum.field)]?.[0] ?? 0))
    .reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return t(
    context.locale,
    `Som van de gewichten: ${total} van ${sum.target}.`,
    `Sum of the weights: ${total} of ${sum.target}.`,
  );
}

function variantsHtml(
  node: Extract<FieldNode, { kind: 'variants' }>,
  context: RenderContext,
  path: string,
): SafeHtml {
  const { locale } = context;
  const choicePath = at(path, node.discriminator);
  const chosen = context.state[choicePath]?.[0];
  const variant = node.variants.find((v) => v.value === chosen);
  const selector = control(
    {
      kind: 'choice',
      name: node.discriminator,
      pattern: at(node.pattern, node.discriminator),
      optional: false,
      options: node.variants.map((v) => v.value),
    },
    context,
    choicePath,
  );
  const refresh = rowButton(
    context,
    'refresh',
    t(locale, 'Toon de velden voor deze keuze', 'Show the fields for this choice'),
    ' refresh',
  );
  const fields = variant ? variant.fields.map((field) => control(field, context, at(path, field.name))) : [];
  return safeHtml`<div class="variants" data-variants="${choicePath}">${selector}${refresh}${fields}</div>`;
}

export function renderNode(node: FieldNode, context: RenderContext, path = '', row?: number): SafeHtml {
  switch (node.kind) {
    case 'group': {
      const fields = node.fields.map((field) => control(field, context, at(path, field.name)));
      if (!path) return safeHtml`${fields}`;
      const problem = problemsOf(context, path);
      const rule = ruleHtml(context, path);
      const optional = node.optional ? ` ${t(context.locale, '(optioneel)', '(optional)')}` : '';
      return safeHtml`<fieldset class="group" id="${fieldId(path)}"><legend>${fieldLabel(context.form, node.pattern, context.locale)}${optional}</legend>${rule.html}${problem.html}${fields}</fieldset>`;
    }
    case 'list':
      return listHtml(node, context, path);
    case 'variants': {
      if (!path) return variantsHtml(node, context, path);
      const problem = problemsOf(context, path);
      const rule = ruleHtml(context, path);
      return safeHtml`<fieldset class="group" id="${fieldId(path)}"><legend>${fieldLabel(context.form, node.pattern, context.locale)}</legend>${rule.html}${problem.html}${variantsHtml(node, context, path)}</fieldset>`;
    }
    default:
      return control(node, context, path, row);
  }
}

/** Every name the form shows for this state (where a problem can be put beside its field). */
export function shownPaths(node: FieldNode, state: FormState, path = ''): string[] {
  const own = path ? [path] : [];
  switch (node.kind) {
    case 'group':
      return [...own, ...node.fields.flatMap((field) => shownPaths(field, state, at(path, field.name)))];
    case 'list':
      return [
        ...own,
        ...shownRows(state, node, path).flatMap((row) => shownPaths(node.item, state, at(path, row))),
      ];
    case 'variants': {
      const choicePath = at(path, node.discriminator);
      const variant = node.variants.find((v) => v.value === state[choicePath]?.[0]);
      return [
        ...own,
        choicePath,
        ...(variant?.fields ?? []).flatMap((field) => shownPaths(field, state, at(path, field.name))),
      ];
    }
    default:
      return own;
  }
}
