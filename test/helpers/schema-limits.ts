/**
 * Reading a schema's limits (from its JSON Schema, `z.toJSONSchema`), and fitting a value within
 * an input's limit in bytes. For the maximal inputs (maximal-inputs.ts).
 */
import { z } from 'zod';

/** The part of JSON Schema that `z.toJSONSchema` writes for these schemas. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/** The schema as a client sees it (the input side: before defaults and transforms). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = jsonSchemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(schema, json);
  }
  return json;
}

function branches(node: JsonSchema): JsonSchema[] {
  return [...(node.oneOf ?? []), ...(node.anyOf ?? [])];
}

/**
 * The node at a path: property names separated by dots, `[]` for a list's items, `*` for a
 * record's values and `key=value` for the branch of a union whose `key` is that constant
 * (`mode=dialogue.dialogues[].findings`).
 */
export function nodeAt(root: JsonSchema, path: string): JsonSchema {
  let node: JsonSchema | undefined = root;
  for (const step of path.split('.').filter(Boolean)) {
    const match = /^([^[]*)((?:\[\])*)$/.exec(step);
    const name = match?.[1] ?? step;
    const lists = (match?.[2] ?? '').length / 2;
    if (name === '*') {
      node = typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
    } else if (name.includes('=')) {
      const [key = '', value] = name.split('=');
      node = node ? branches(node).find((branch) => branch.properties?.[key]?.const === value) : undefined;
    } else if (name) {
      node = node?.properties?.[name];
    }
    for (let i = 0; i < lists; i++) node = node?.items;
    if (!node) throw new Error(`the schema has nothing at "${path}" (stopped at "${step}")`);
  }
  return node;
}

export function maxLengthOf(schema: z.ZodType, path: string): number {
  const max = nodeAt(jsonSchemaOf(schema), path).maxLength;
  if (max === undefined) throw new Error(`the text at "${path}" has no maximum length`);
  return max;
}

/**
 * Lists without a maximum (see `listsWithoutMaximum`) get this many items here: they have no
 * maximum to fill, and with these few the state of a maximal project stays below the 4 MB one
 * gRPC message carries, so a scenario can run to its end and measure every step. A maximal
 * project's figures are therefore a lower bound wherever such a list is involved.
 */
export const UNBOUNDED_LIST_ITEMS = 5;

export function maxItemsOf(schema: z.ZodType, path: string): number {
  return nodeAt(jsonSchemaOf(schema), path).maxItems ?? UNBOUNDED_LIST_ITEMS;
}

export function enumOf(schema: z.ZodType, path: string): string[] {
  const values = nodeAt(jsonSchemaOf(schema), path).enum;
  if (!values) throw new Error(`"${path}" is not an enum`);
  return values.map(String);
}

/**
 * Paths of the lists with no maximum number of items and of the texts with no maximum length
 * (texts with a fixed shape, such as dates, and enums are bounded by it).
 */
export function listsWithoutMaximum(schema: z.ZodType): { lists: string[]; texts: string[] } {
  const lists: string[] = [];
  const texts: string[] = [];
  const visit = (node: JsonSchema, path: string) => {
    if (node.type === 'array') {
      if (node.maxItems === undefined) lists.push(path || '(body)');
      if (node.items) visit(node.items, `${path}[]`);
    }
    if (node.type === 'string' && node.maxLength === undefined && !node.enum && node.const === undefined) {
      if (node.format !== 'date') texts.push(path || '(body)');
    }
    for (const [name, child] of Object.entries(node.properties ?? {}))
      visit(child, path ? `${path}.${name}` : name);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${path}.*`);
    for (const branch of branches(node)) {
      const constant = Object.entries(branch.properties ?? {}).find(([, p]) => p.const !== undefined);
      const prefix = constant ? `${constant[0]}=${String(constant[1].const)}` : '';
      visit(branch, [path, prefix].filter(Boolean).join('.'));
    }
  };
  visit(jsonSchemaOf(schema), '');
  return { lists, texts };
}

// ---------------------------------------------------------------------------------------------
// Fitting within an input's limit in bytes

/** The UTF-8 size of a value as JSON: what a payload, a query result or a request body weighs. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

interface Shrinkable {
  bytes: number;
  /** Makes the value smaller; returns the undo. */
  shrink: (excessBytes: number) => () => void;
}

/** Every list with an item and every text of `filler` characters in `value`, with their size. */
function shrinkables(value: unknown, filler: string): Shrinkable[] {
  const found: Shrinkable[] = [];
  const visit = (node: unknown, set: (next: unknown) => void): void => {
    if (typeof node === 'string') {
      const fill = node.indexOf(filler);
      if (fill < 0 || node.length - fill < 2) return;
      found.push({
        bytes: Buffer.byteLength(node, 'utf8'),
        shrink: (excess) => {
          const filled = node.length - fill;
          const cut = Math.min(filled - 1, Math.max(1, Math.ceil(excess / Buffer.byteLength(filler))));
          set(node.slice(0, node.length - cut));
          return () => set(node);
        },
      });
      return;
    }
    if (Array.isArray(node)) {
      if (node.length > 0)
        found.push({
          bytes: jsonBytes(node),
          shrink: () => {
            const last = node.pop();
            return () => node.push(last);
          },
        });
      node.forEach((item, i) => visit(item, (next) => (node[i] = next)));
      return;
    }
    if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) visit(record[key], (next) => (record[key] = next));
    }
  };
  visit(value, () => {
    throw new Error('the value itself is not a list or an object');
  });
  return found;
}

/**
 * `value` made to fit `maxBytes` (the input's limit in all) by taking items off its largest lists
 * and shortening its largest `filler` texts, each step kept only if the schema still accepts the
 * value but for its size. So every field stays as large as the limit in all lets it be, and the
 * result is valid: "every input at its maximum" once inputs have a limit in bytes.
 */
export function fitWithin<T>(schema: z.ZodType, value: T, maxBytes: number, filler: string): T {
  const fitted = structuredClone(value);
  const validButForSize = () => {
    const parsed = schema.safeParse(fitted);
    return parsed.success || parsed.error.issues.every((issue) => issue.message.includes(' KiB in all'));
  };
  if (!validButForSize()) throw new Error('fitWithin: the value is not valid to begin with');
  for (let excess = jsonBytes(fitted) - maxBytes; excess > 0; excess = jsonBytes(fitted) - maxBytes) {
    // The largest place that can give way and leave the value valid; each is tried once per step.
    const shrunk = shrinkables(fitted, filler)
      .sort((a, b) => b.bytes - a.bytes)
      .some((candidate) => {
        const undo = candidate.shrink(excess);
        if (validButForSize()) return true;
        undo();
        return false;
      });
    if (!shrunk) throw new Error(`fitWithin: cannot shrink below ${jsonBytes(fitted)} bytes validly`);
  }
  return fitted;
}
