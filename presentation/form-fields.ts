/**
 * Form fields that show their problem beside them: the label, the input as typed, and the problem
 * in a paragraph the input names with aria-describedby (screen readers read it with the field).
 * Pages of mailed links and of the workspace share them.
 */
import type { z } from 'zod';
import type { Locale } from '../domain/catalogue';
import { type SafeHtml, safeHtml } from './html';
import { ruleTextOfIssue } from './forms/problems';
import { t } from './locale';

/** A problem per field name, as the page shows it. */
export type FieldProblems = Record<string, string>;

/**
 * The schema's problems per form field: `fieldOf` turns an issue's path into the name of the
 * field that shows it (the first field for a problem of the whole input).
 */
export function problemsOf(
  error: z.ZodError,
  locale: Locale,
  fieldOf: (path: PropertyKey[]) => string,
): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    // A catalogued rule has its own Dutch sentence; zod's generic English detail gets the reader's sentence around it.
    const text = t(
      locale,
      ruleTextOfIssue(issue, 'nl') ?? `Controleer dit veld (${issue.message}).`,
      `Please check this field (${issue.message}).`,
    );
    problems[field] = problems[field] ? `${problems[field]} ${text}` : text;
  }
  return problems;
}

const problemId = (name: string) => `${name}-problem`;

/** The field's problem, if any, right under its label. */
export function fieldProblem(problems: FieldProblems | undefined, name: string): SafeHtml {
  const problem = problems?.[name];
  return problem ? safeHtml`<p class="error" id="${problemId(name)}">${problem}</p>` : safeHtml``;
}

/** The attributes that tie an input to its problem (and mark it invalid). */
export function problemAttributes(problems: FieldProblems | undefined, name: string): SafeHtml {
  return problems?.[name] ? safeHtml` aria-invalid="true" aria-describedby="${problemId(name)}"` : safeHtml``;
}

export interface FieldSpec {
  name: string;
  /** The element's id and the key of its problem, when two forms of a page post the same name. */
  id?: string;
  label: string;
  value?: string | undefined;
  problems?: FieldProblems | undefined;
  type?: 'text' | 'email' | 'number' | 'date';
  required?: boolean;
  /** Extra attributes (min, max, step), trusted constants only. */
  attributes?: SafeHtml;
}

export function inputField(spec: FieldSpec): SafeHtml {
  const { name, id = name, label, value = '', problems, type = 'text', required = false } = spec;
  return safeHtml`<label for="${id}">${label}${required ? ' *' : ''}</label>${fieldProblem(problems, id)}<input id="${id}" name="${name}" type="${type}" value="${value}"${required ? safeHtml` required` : ''}${spec.attributes ?? ''}${problemAttributes(problems, id)}>`;
}

export function textareaField(spec: Omit<FieldSpec, 'type'>): SafeHtml {
  const { name, id = name, label, value = '', problems, required = false } = spec;
  return safeHtml`<label for="${id}">${label}${required ? ' *' : ''}</label>${fieldProblem(problems, id)}<textarea id="${id}" name="${name}"${required ? safeHtml` required` : ''}${problemAttributes(problems, id)}>${value}</textarea>`;
}

export function selectField(
  spec: Omit<FieldSpec, 'type' | 'attributes'> & { options: { value: string; label: string }[] },
): SafeHtml {
  const { name, id = name, label, value, problems, required = false, options } = spec;
  const choices = options.map(
    (option) =>
      safeHtml`<option value="${option.value}"${option.value === value ? safeHtml` selected` : ''}>${option.label}</option>`,
  );
  return safeHtml`<label for="${id}">${label}${required ? ' *' : ''}</label>${fieldProblem(problems, id)}<select id="${id}" name="${name}"${required ? safeHtml` required` : ''}${problemAttributes(problems, id)}>${choices}</select>`;
}

/** The posted form's string fields (a repeated or missing field is left out). */
export function formStrings(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === 'string' && key !== '_csrf' ? [[key, value]] : [],
    ),
  );
}

/** A text field as the schemas want it: trimmed, and absent when blank. */
export const filled = (value: string | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;
