/**
 * Feed dates to ISO 8601 (UTC). RSS uses RFC 822 dates, often with named or odd zones ("IRST", "+0330") that
 * `Date.parse` does not read the same way in every engine, so they are parsed here; Atom and JSON Feed use RFC 3339.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Offsets in minutes east of UTC for the zone names feeds actually use. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480,
  PDT: -420, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180, AST: 180, GST: 240, IRST: 210, IRDT: 270,
  PKT: 300, IST: 330, BST: 60,
};

const RFC822 =
  /^(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5}))?\s*$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/i;

export function parseFeedDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().slice(0, 100);
  if (trimmed === '') return undefined;
  const ms = parseRfc3339(trimmed) ?? parseRfc822(trimmed);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // Outside this range the feed is wrong, not the story old or far ahead.
  if (year < 1990 || year > 2200) return undefined;
  return date.toISOString();
}

function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', z, sign, oh = '0', om = '0'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!validParts(Number(mo), Number(d), Number(h), Number(mi), Number(s))) return undefined;
  const offset = z ? 0 : sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return utc - offset * 60_000;
}

function parseRfc822(text: string): number | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const [, d, monthName, y, h, mi, s = '0', sign, oh, om, zoneName] = m;
  const month = MONTHS[(monthName ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  let year = Number(y);
  // RFC 822 allowed two-digit years; read them as RFC 2822 does.
  if ((y ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  if (!validParts(month + 1, Number(d), Number(h), Number(mi), Number(s))) return undefined;
  let offset = 0;
  if (sign) offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  else if (zoneName) offset = ZONES[zoneName.toUpperCase()] ?? 0;
  return Date.UTC(year, month, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
}

function validParts(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
}
