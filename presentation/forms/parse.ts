/**
 * A posted form back to the object its schema validates, with the schema's types: numbers as
 * numbers, a ticked box as true, rows as lists (a row left blank dropped), an empty optional field absent. Nothing is
 * checked here: the zod schema judges the result, so a value that is not a number stays text and
 * the schema's own problem is shown beside the field.
 */
import type { FieldNode } from './describe';
import { type FormState, anythingEntered, rowsOf } from './form-state';

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
/** Browsers post a text area's line breaks as CRLF; the schemas and the stored texts use LF. */
const lines = (value: string) => value.replace(/\r\n?/g, '\n');
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

export function parseForm(node: FieldNode, state: FormState, path = ''): unknown {
  const first = state[path]?.[0];
  switch (node.kind) {
    case 'text':
      if (first === undefined || (first.trim() === '' && node.optional)) return undefined;
      return lines(first);
    case 'choice':
      return first === undefined || first === '' ? undefined : first;
    case 'number':
      if (first === undefined || first.trim() === '') return undefined;
      return NUMBER.test(first) ? Number(first) : first;
    case 'boolean':
      if (first === undefined) return node.optional && !node.mustBeTrue ? undefined : false;
      return first === 'true';
    case 'group': {
      if (node.optional && path && !anythingEntered(state, path)) return undefined;
      return fieldsOf(node.fields, state, path);
    }
    case 'list': {
      // A row left wholly empty (the blank row a list offers) is no row: only what was entered counts.
      const rows = rowsOf(state, path).filter((row) => anythingEntered(state, at(path, row)));
      if (rows.length === 0) return node.optional ? undefined : [];
      return rows.map((row) => parseForm(node.item, state, at(path, row)));
    }
    case 'variants': {
      const chosen = state[at(path, node.discriminator)]?.[0];
      if (node.optional && path && !anythingEntered(state, path)) return undefined;
      const variant = node.variants.find((v) => v.value === chosen);
      if (!variant) return { [node.discriminator]: chosen || undefined };
      return { [node.discriminator]: variant.value, ...fieldsOf(variant.fields, state, path) };
    }
  }
}

function fieldsOf(fields: FieldNode[], state: FormState, path: string): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const parsed = parseForm(field, state, at(path, field.name));
    if (parsed !== undefined) value[field.name] = parsed;
  }
  return value;
}
