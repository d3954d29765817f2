/**
 * Workflow-sandbox code, evaluated once per worker as a preloaded module (WORKFLOW_PRELOAD_MODULES
 * in worker/worker.ts), before the SDK deep-freezes every preloaded module's exports: it makes the
 * domain schemas safe to freeze and share.
 *
 * zod 4.6 is not freeze-safe as it comes, in three ways (bench/worker-memory.ts shows each):
 *
 * 1. Methods (`safeParse`, `optional`, …) and derived internals (`_zod.optin`, `_zod.values`,
 *    `_zod.propValues`, …) are accessors on shared prototypes that define an own property on the
 *    schema on first read. The SDK's freeze reads own properties only, so after it the first
 *    `createProject.safeParse(…)` throws "Cannot define property safeParse, object is not extensible".
 * 2. The first parse of a container replaces its `_zod.parse`/`_zod.run` (zod's cycle memoizer):
 *    "Cannot assign to read only property 'parse'".
 * 3. Every regex check resets `def.pattern.lastIndex = 0` before testing, and a frozen RegExp's
 *    `lastIndex` is read-only: `.regex(…)` and `z.email()` throw "Cannot assign to read only
 *    property 'lastIndex'" on every string they check.
 *
 * So, for every zod instance reachable from the schemas' exports (as the freeze will walk them),
 * this module reads each lazy accessor once (the value becomes an own property), swaps each RegExp
 * in a definition for a stand-in whose `lastIndex` is an accessor over a private RegExp (a freeze
 * leaves accessors working, and the private RegExp is out of its reach), and parses each schema
 * once (`undefined`: the memoizer settles before any input is looked at, and no refinement or
 * transform runs), until nothing new appears. What it creates is what the first workflow would
 * have created; nothing here depends on a workflow, a clock or randomness.
 */
import * as schemas from '../domain/schemas';

type Bag = Record<PropertyKey, unknown>;
type ZodInstance = Bag & { _zod: Bag & { def?: Bag } };

const isObject = (value: unknown): value is object =>
  value !== null && (typeof value === 'object' || typeof value === 'function');

/** zod schemas and checks: objects with their own `_zod` internals. */
function isZodInstance(value: object): value is ZodInstance {
  return typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, '_zod');
}

/** Every zod instance reachable through own properties, as the SDK's freeze walks them. */
function zodInstances(root: unknown): ZodInstance[] {
  const found: ZodInstance[] = [];
  const seen = new WeakSet<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isObject(value) || seen.has(value)) continue;
    seen.add(value);
    if (isZodInstance(value)) found.push(value);
    for (const key of Reflect.ownKeys(value)) {
      // A constructor's prototype is shared by every instance: never read its accessors.
      if (typeof value === 'function' && key === 'prototype') continue;
      try {
        stack.push((value as Bag)[key]);
      } catch {
        // An accessor that throws: the freeze skips it too.
      }
    }
  }
  return found;
}

/** Reads every accessor the prototype chain offers `target`; each lazy one becomes an own property. */
function materialize(target: Bag): void {
  for (
    let proto: unknown = Object.getPrototypeOf(target);
    isObject(proto) && proto !== Object.prototype && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Reflect.ownKeys(proto)) {
      if (Object.getOwnPropertyDescriptor(proto, key)?.get === undefined) continue;
      try {
        void target[key];
      } catch {
        // Not a lazy member (or one that needs a context we do not have): left as it is.
      }
    }
  }
}

/**
 * What zod does with a definition's pattern (reset `lastIndex`, `test`, `exec`, `source` and
 * `toString` for issues and JSON schema), on a private copy the freeze cannot reach.
 */
function freezeSafePattern(regex: RegExp): object {
  const copy = new RegExp(regex.source, regex.flags);
  return {
    get lastIndex() {
      return copy.lastIndex;
    },
    set lastIndex(value: number) {
      copy.lastIndex = value;
    },
    source: copy.source,
    flags: copy.flags,
    global: copy.global,
    ignoreCase: copy.ignoreCase,
    multiline: copy.multiline,
    sticky: copy.sticky,
    unicode: copy.unicode,
    test: (text: string) => copy.test(text),
    exec: (text: string) => copy.exec(text),
    toString: () => copy.toString(),
  };
}

/** Replaces the RegExps of a definition (and the derived `_zod.pattern`) by stand-ins. */
function replacePatterns(instance: ZodInstance): void {
  for (const holder of [instance._zod.def, instance._zod]) {
    if (!holder) continue;
    for (const key of Reflect.ownKeys(holder)) {
      const descriptor = Object.getOwnPropertyDescriptor(holder, key);
      if (descriptor && 'value' in descriptor && descriptor.value instanceof RegExp && descriptor.writable) {
        holder[key] = freezeSafePattern(descriptor.value);
      }
    }
  }
}

function ownPropertyCount(instances: ZodInstance[]): number {
  return instances.reduce(
    (sum, instance) => sum + Reflect.ownKeys(instance).length + Reflect.ownKeys(instance._zod).length,
    0,
  );
}

/** Finishes every zod instance reachable from `root`; returns how many there are. */
export function finishForFreeze(root: unknown): number {
  let instances = zodInstances(root);
  for (let round = 0; round < 5; round++) {
    const before = ownPropertyCount(instances);
    for (const instance of instances) {
      materialize(instance);
      materialize(instance._zod);
      replacePatterns(instance);
    }
    for (const instance of instances) {
      // Read after materialize(): an own, bound method by now (checks have none).
      const safeParse = instance.safeParse as ((value: unknown) => unknown) | undefined;
      if (typeof safeParse !== 'function') continue;
      try {
        safeParse(undefined);
      } catch {
        // A refinement of an optional schema may not expect undefined; the parse ran far enough.
      }
    }
    instances = zodInstances(root);
    if (ownPropertyCount(instances) === before) break;
  }
  return instances.length;
}

/** How many zod instances were finished (also keeps this module from being an empty one). */
export const finishedZodInstances = finishForFreeze(schemas);
