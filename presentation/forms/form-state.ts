/**
 * What a form holds, as the browser posts it: field names are paths (`objectives.2.strategies.0`),
 * each with the values posted under it. Drafts keep this state, a deliverable is turned into it to
 * prefill a form, and "Add another …" / "Remove" change it before the form is shown again.
 */
import type { FieldNode, ListNode } from './describe';

export type FormState = Record<string, string[]>;

/** Names the form's own controls post besides the fields (CSRF token, the button pressed). */
const CONTROL = /^_/;

/** The state of a posted urlencoded body (express gives a string, or an array for a repeated name). */
export function stateOfBody(body: unknown): FormState {
  const state: FormState = {};
  if (!body || typeof body !== 'object') return state;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (CONTROL.test(name)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) state[name] = values;
  }
  return state;
}

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** The state that shows `value` (a deliverable, or part of one) in the form of `node`. */
export function stateOfValue(node: FieldNode, value: unknown, path = '', state: FormState = {}): FormState {
  if (value === undefined || value === null) return state;
  switch (node.kind) {
    case 'text':
    case 'choice':
    case 'number':
      // A text, an id or a number; anything else is not this field's value and is not shown.
      if (typeof value === 'string' || typeof value === 'number') state[path] = [String(value)];
      break;
    case 'boolean':
      if (value === true) state[path] = ['true'];
      break;
    case 'group':
      for (const field of node.fields)
        stateOfValue(field, (value as Record<string, unknown>)[field.name], at(path, field.name), state);
      break;
    case 'list':
      (value as unknown[]).forEach((item, index) => stateOfValue(node.item, item, at(path, index), state));
      break;
    case 'variants': {
      const chosen = (value as Record<string, unknown>)[node.discriminator];
      state[at(path, node.discriminator)] = [String(chosen)];
      const variant = node.variants.find((v) => v.value === chosen);
      for (const field of variant?.fields ?? [])
        stateOfValue(field, (value as Record<string, unknown>)[field.name], at(path, field.name), state);
      break;
    }
  }
  return state;
}

/** The row indices of the list at `path` that the state holds, in order. */
export function rowsOf(state: FormState, path: string): number[] {
  const prefix = path ? `${path}.` : '';
  const rows = new Set<number>();
  for (const name of Object.keys(state)) {
    if (!name.startsWith(prefix)) continue;
    const index = /^(\d+)(?:\.|$)/.exec(name.slice(prefix.length))?.[1];
    if (index !== undefined) rows.add(Number(index));
  }
  return [...rows].sort((a, b) => a - b);
}

/** How many rows the list shows: what the state holds, or its minimum of empty rows to fill. */
export function shownRows(state: FormState, list: ListNode, path: string): number[] {
  const rows = rowsOf(state, path);
  if (rows.length > 0) return rows;
  return Array.from({ length: Math.min(list.minItems, 1) }, (_, i) => i);
}

/** Something was entered under `path` (a group left wholly empty stays absent when optional). */
export function anythingEntered(state: FormState, path: string): boolean {
  return Object.entries(state).some(
    ([name, values]) => (name === path || name.startsWith(`${path}.`)) && values.some((v) => v.trim() !== ''),
  );
}

/** The first field of a row that takes text or a choice: an empty value there makes the row exist. */
function firstFillable(node: FieldNode, path: string): string | undefined {
  switch (node.kind) {
    case 'group':
      for (const field of node.fields) {
        const found = firstFillable(field, at(path, field.name));
        if (found) return found;
      }
      return undefined;
    case 'variants':
      return at(path, node.discriminator);
    case 'list':
      return undefined;
    case 'boolean':
      return undefined;
    default:
      return path;
  }
}

/** The state with one more (empty) row in the list at `path`, and the new row's first field (to focus). */
export function addRow(state: FormState, list: ListNode, path: string): { state: FormState; focus?: string } {
  const rows = shownRows(state, list, path);
  const next = rows.length === 0 ? 0 : (rows.at(-1) ?? 0) + 1;
  const added: FormState = { ...state };
  // The rows shown but not posted yet (an empty first row) exist from now on too.
  for (const row of [...rows, next]) {
    const field = firstFillable(list.item, at(path, row));
    if (field && !(field in added)) added[field] = [''];
  }
  const focus = firstFillable(list.item, at(path, next));
  return { state: added, ...(focus ? { focus } : {}) };
}

/** The state without row `index` of the list at `path`; later rows move up one. */
export function removeRow(state: FormState, path: string, index: number): FormState {
  const prefix = `${path}.`;
  const result: FormState = {};
  for (const [name, values] of Object.entries(state)) {
    const match = name.startsWith(prefix) ? /^(\d+)(.*)$/.exec(name.slice(prefix.length)) : null;
    if (!match) {
      result[name] = values;
      continue;
    }
    const row = Number(match[1]);
    if (row === index) continue;
    result[`${prefix}${row > index ? row - 1 : row}${match[2] ?? ''}`] = values;
  }
  return result;
}

/** The list node at a concrete path (`objectives.2.strategies`), if there is one. */
export function listAt(root: FieldNode, path: string): { list: ListNode; path: string } | undefined {
  let node: FieldNode | undefined = root;
  const parts = path.split('.');
  for (let i = 0; i < parts.length && node; i++) {
    const part = parts[i] as string;
    if (node.kind === 'list') {
      if (!/^\d+$/.test(part)) return undefined;
      node = node.item;
    } else if (node.kind === 'group') {
      node = node.fields.find((field) => field.name === part);
    } else if (node.kind === 'variants') {
      node = node.variants.flatMap((variant) => variant.fields).find((field) => field.name === part);
    } else return undefined;
  }
  return node?.kind === 'list' ? { list: node, path } : undefined;
}
