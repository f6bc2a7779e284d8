/**
 * The validator's toolkit: a context that collects problems as `path: plain-words reason`, and a reader that
 * copies only known keys out of an untrusted object into a fresh one. Pure and hand-written: no schema compiler,
 * no runtime code generation (MV3 CSP forbids it).
 */
import { PACK_LIMITS } from './pack-limits';

/** Keys that could reach an object's prototype if copied naively: never copied, always reported. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A short, printable rendering of a bad value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isRealDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Collections an id can refer to. */
export type RefTarget = 'sources' | 'entities' | 'sides' | 'tracks' | 'issues' | 'parties';

export interface PendingRef {
  path: string;
  target: RefTarget;
  id: string;
}

export class CheckContext {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly refs: PendingRef[] = [];
  /** Where each checked item came from, so later checks name the right index even after bad items were left out. */
  private readonly paths = new WeakMap<object, string>();

  pathOf(item: object, fallback: string): string {
    return this.paths.get(item) ?? fallback;
  }

  error(path: string, reason: string): undefined {
    this.errors.push(`${path || '(pack)'}: ${reason}`);
    return undefined;
  }

  warn(path: string, reason: string): void {
    this.warnings.push(`${path || '(pack)'}: ${reason}`);
  }

  /** Opens an object for reading: unknown keys are dropped with a warning, forbidden ones never read. */
  object(path: string, value: unknown, known: readonly string[], silent: readonly string[] = []): Fields | undefined {
    if (!isPlainObject(value)) return this.error(path, `must be an object, not ${typeName(value)}`);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) this.warn(joinPath(path, key), `key "${key}" is not allowed and was ignored`);
      else if (!known.includes(key) && !silent.includes(key)) this.warn(joinPath(path, key), 'unknown key dropped');
    }
    return new Fields(this, path, value);
  }

  /** Checks a list and maps each item; items that fail are left out (their errors are recorded). */
  list<T>(path: string, value: unknown, max: number, item: (path: string, value: unknown) => T | undefined): T[] | undefined {
    if (!Array.isArray(value)) return this.error(path, `must be a list, not ${typeName(value)}`);
    if (value.length > max) return this.error(path, `has ${value.length} items; the limit is ${max}`);
    const out: T[] = [];
    value.forEach((v: unknown, i) => {
      const itemPath = joinPath(path, i);
      const result = item(itemPath, v);
      if (result === undefined) return;
      if (typeof result === 'object' && result !== null) this.paths.set(result, itemPath);
      out.push(result);
    });
    return out;
  }

  string(path: string, value: unknown, opts: { nonEmpty?: boolean; max?: number } = {}): string | undefined {
    if (typeof value !== 'string') return this.error(path, `must be text, not ${typeName(value)}`);
    const max = opts.max ?? PACK_LIMITS.stringChars;
    if (value.length > max) {
      const scope = max === PACK_LIMITS.stringChars ? ' (100 kB) per string' : ' here';
      return this.error(path, `is ${value.length} characters long; the limit is ${max} characters${scope}`);
    }
    if (opts.nonEmpty && value.trim() === '') return this.error(path, 'must not be empty');
    return value;
  }

  id(path: string, value: unknown): string | undefined {
    const text = this.string(path, value, { max: PACK_LIMITS.idChars });
    if (text === undefined) return undefined;
    if (!ID_PATTERN.test(text)) {
      return this.error(path, `${show(text)} is not a valid id (lowercase letters, digits and hyphens)`);
    }
    return text;
  }

  ref(path: string, value: unknown, target: RefTarget): string | undefined {
    const id = this.id(path, value);
    if (id !== undefined) this.refs.push({ path, target, id });
    return id;
  }

  refList(path: string, value: unknown, target: RefTarget): string[] | undefined {
    return this.list(path, value, PACK_LIMITS.listItems, (p, v) => this.ref(p, v, target));
  }

  date(path: string, value: unknown): string | undefined {
    const text = this.string(path, value);
    if (text === undefined) return undefined;
    if (!isRealDate(text)) return this.error(path, `${show(text)} is not a date (YYYY-MM-DD)`);
    return text;
  }

  number(path: string, value: unknown, opts: { min?: number; integer?: boolean } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.error(path, `${show(value)} is not a finite number`);
    }
    if (opts.integer && !Number.isInteger(value)) return this.error(path, `${show(value)} is not a whole number`);
    if (opts.min !== undefined && value < opts.min) return this.error(path, `${show(value)} is below ${opts.min}`);
    return value;
  }

  boolean(path: string, value: unknown): boolean | undefined {
    if (typeof value !== 'boolean') return this.error(path, `must be true or false, not ${show(value)}`);
    return value;
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.error(path, `${show(value)} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }

  /** Reports duplicate ids within one collection. */
  unique(path: string, items: readonly { id: string }[] | undefined): Set<string> {
    const seen = new Set<string>();
    items?.forEach((item, i) => {
      if (item.id === undefined) return; // already reported as missing or invalid
      if (seen.has(item.id)) this.error(joinPath(this.pathOf(item, joinPath(path, i)), 'id'), `duplicate id ${show(item.id)}`);
      seen.add(item.id);
    });
    return seen;
  }
}

/** Reads the known keys of one untrusted object; every accessor records its own problems under its path. */
export class Fields {
  constructor(
    readonly ctx: CheckContext,
    readonly path: string,
    private readonly value: Record<string, unknown>,
  ) {}

  at(key: string): string {
    return joinPath(this.path, key);
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.value, key);
  }

  /** The raw value of a required key; records "is missing" when absent. */
  need(key: string): { ok: true; value: unknown } | { ok: false } {
    if (!this.has(key)) {
      this.ctx.error(this.at(key), 'is missing');
      return { ok: false };
    }
    return { ok: true, value: this.value[key] };
  }

  /** Runs `check` on a required key. */
  req<T>(key: string, check: (path: string, value: unknown) => T | undefined): T | undefined {
    const got = this.need(key);
    return got.ok ? check(this.at(key), got.value) : undefined;
  }

  /** Runs `check` on an optional key; absent stays absent. */
  opt<T>(key: string, check: (path: string, value: unknown) => T | undefined): T | undefined {
    return this.has(key) ? check(this.at(key), this.value[key]) : undefined;
  }
}

/** Copies only defined values, so optional keys absent in the input stay absent in the output. */
export function defined<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const v = record[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
