/**
 * Turns pack text into a value for `validatePack`, with a size cap and JSON syntax errors given as line and
 * column (engines word their JSON errors differently; we locate the position ourselves where they give one).
 */
import { PACK_LIMITS } from './pack-limits';
import { validatePack, type PackValidation } from './validate-pack';

export type ParseResult = { ok: true; value: unknown } | { ok: false; errors: string[] };

function utf8Length(text: string): number {
  // Cheap bounds first: a UTF-16 unit is 1–3 UTF-8 bytes.
  if (text.length * 3 <= PACK_LIMITS.textBytes) return text.length;
  if (text.length > PACK_LIMITS.textBytes) return text.length;
  return new TextEncoder().encode(text).length;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The offset of a JSON syntax error from the engine's message (V8: "at position N", SpiderMonkey: "line L column C"). */
function errorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf('\n', offset);
      if (next < 0) break;
      offset = next + 1;
    }
    return offset + Number(lc[2]) - 1;
  }
  if (/end of (JSON )?(input|data)|unterminated|unexpected end/i.test(message)) return text.length;
  return undefined;
}

export function parsePackText(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: false, errors: ['(text): pack text must be a string'] };
  const bytes = utf8Length(text);
  if (bytes > PACK_LIMITS.textBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return { ok: false, errors: [`(text): the pack is ${mb(bytes)} MB; the limit is ${mb(PACK_LIMITS.textBytes)} MB`] };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is harmless
  if (body.trim() === '') return { ok: false, errors: ['(text): the pack is empty'] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(body, message);
    const where = offset === undefined ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineColumn(body, offset));
    const truncated = offset !== undefined && offset >= body.trimEnd().length ? ' (the text ends too early: truncated?)' : '';
    return { ok: false, errors: [`(text): invalid JSON${where}${truncated}: ${message}`] };
  }
}

/** parse → validate, one call for every path that takes pack text from outside. */
export function validatePackText(text: string): PackValidation {
  const parsed = parsePackText(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };
  return validatePack(parsed.value);
}
