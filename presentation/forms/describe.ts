/**
 * A form's shape, read from the zod schema itself (its JSON Schema, input side): the schema stays
 * the one source of the rules, and the form only knows what kind of control each field needs.
 * Objects become groups, arrays repeating groups, enums choices, discriminated unions a choice
 * that decides which fields follow. The cross-field rules (superRefine) are not in the JSON Schema:
 * the server applies them on every submit, and rules.ts explains them beside their group.
 */
import { z } from 'zod';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

interface Common {
  /** The property's name in its object ('' for a list's items). */
  name: string;
  /** The path without list indices (`objectives.strategies`): the key of labels, rules and choices. */
  pattern: string;
  /** Absent when left empty (optional, or filled in by a default). */
  optional: boolean;
}

export type FieldNode =
  | (Common & { kind: 'text'; multiline: boolean; format?: 'email' | 'date'; maxLength?: number })
  | (Common & { kind: 'number'; integer: boolean })
  | (Common & { kind: 'boolean'; mustBeTrue: boolean })
  | (Common & { kind: 'choice'; options: string[] })
  | (Common & { kind: 'group'; fields: FieldNode[] })
  | (Common & { kind: 'list'; item: FieldNode; minItems: number; maxItems?: number })
  | (Common & {
      kind: 'variants';
      discriminator: string;
      variants: { value: string; fields: FieldNode[] }[];
    });

export type ListNode = Extract<FieldNode, { kind: 'list' }>;

/** Texts this long or longer are written in a text area. */
const MULTILINE_FROM = 1000;

export interface DescribeOptions {
  /** Field patterns left out of the form (filled in elsewhere, e.g. the case file's `documents`). */
  omit?: readonly string[];
  /** Free-text fields whose values are catalogue ids after all (checked by a refinement, not an enum). */
  choices?: Readonly<Record<string, readonly string[]>>;
}

const join = (pattern: string, name: string) => (pattern && name ? `${pattern}.${name}` : pattern || name);

function describeNode(
  json: JsonSchema,
  name: string,
  pattern: string,
  optional: boolean,
  options: DescribeOptions,
): FieldNode {
  const common = { name, pattern, optional };
  const branches = json.oneOf ?? json.anyOf;
  if (branches && branches.every((branch) => branch.type === 'object')) {
    const discriminator = Object.keys(branches[0]?.properties ?? {}).find((key) =>
      branches.every((branch) => typeof branch.properties?.[key]?.const === 'string'),
    );
    if (!discriminator) throw new Error(`the union at "${pattern}" has no discriminator a form can offer`);
    return {
      ...common,
      kind: 'variants',
      discriminator,
      variants: branches.map((branch) => ({
        value: branch.properties?.[discriminator]?.const as string,
        fields: describeFields(branch, pattern, options, [discriminator]),
      })),
    };
  }
  const choices = options.choices?.[pattern];
  if (choices && json.type === 'string') return { ...common, kind: 'choice', options: [...choices] };
  if (json.enum) return { ...common, kind: 'choice', options: json.enum.map(String) };
  switch (json.type) {
    case 'object':
      return { ...common, kind: 'group', fields: describeFields(json, pattern, options) };
    case 'array':
      if (!json.items) throw new Error(`the list at "${pattern}" has no item schema`);
      return {
        ...common,
        kind: 'list',
        item: describeNode(json.items, '', pattern, false, options),
        minItems: json.minItems ?? 0,
        ...(json.maxItems !== undefined ? { maxItems: json.maxItems } : {}),
      };
    case 'boolean':
      return { ...common, kind: 'boolean', mustBeTrue: json.const === true };
    case 'number':
    case 'integer':
      return { ...common, kind: 'number', integer: json.type === 'integer' };
    case 'string': {
      const format = json.format === 'email' || json.format === 'date' ? json.format : undefined;
      return {
        ...common,
        kind: 'text',
        multiline: (json.maxLength ?? 0) >= MULTILINE_FROM,
        ...(format ? { format } : {}),
        ...(json.maxLength !== undefined ? { maxLength: json.maxLength } : {}),
      };
    }
    default:
      throw new Error(
        `no form control for the schema at "${pattern}" (${JSON.stringify(json).slice(0, 80)})`,
      );
  }
}

function describeFields(
  json: JsonSchema,
  pattern: string,
  options: DescribeOptions,
  skip: string[] = [],
): FieldNode[] {
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !skip.includes(name) && !options.omit?.includes(join(pattern, name)))
    .map(([name, property]) =>
      describeNode(
        property,
        name,
        join(pattern, name),
        !required.has(name) || property.default !== undefined,
        options,
      ),
    );
}

const described = new WeakMap<z.ZodType, FieldNode>();

/** The form of a schema (cached per schema: the JSON Schema is computed once). */
export function describeForm(schema: z.ZodType, options: DescribeOptions = {}): FieldNode {
  const cached = described.get(schema);
  if (cached) return cached;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const form = describeNode(json, '', '', false, options);
  described.set(schema, form);
  return form;
}

/** Every field pattern of a form, groups and lists included (for the labels' completeness test). */
export function fieldPatterns(node: FieldNode): string[] {
  const own = node.pattern ? [node.pattern] : [];
  switch (node.kind) {
    case 'group':
      return [...own, ...node.fields.flatMap(fieldPatterns)];
    case 'list':
      return [...own, ...fieldPatterns(node.item).filter((pattern) => pattern !== node.pattern)];
    case 'variants':
      return [
        ...own,
        join(node.pattern, node.discriminator),
        ...node.variants.flatMap((variant) => variant.fields.flatMap(fieldPatterns)),
      ];
    default:
      return own;
  }
}
