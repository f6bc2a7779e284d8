import { describe, expect, it } from 'vitest';
import { MAX_SCAN_CHARS, parseRequest } from '@/utils/messaging/parse-request';

describe('parseRequest', () => {
  it('accepts a well-formed scan and keeps only known fields', () => {
    const parsed = parseRequest({ type: 'scan', text: 'Araghchi', context: { date: '2026-02-07', extra: 1 }, evil: true });
    expect(parsed).toEqual({ type: 'scan', text: 'Araghchi', context: { date: '2026-02-07' } });
  });

  it('keeps the relevant flag of a scan only when it is exactly true', () => {
    expect(parseRequest({ type: 'scan', text: 'x', context: { relevant: true } })).toEqual({ type: 'scan', text: 'x', context: { relevant: true } });
    expect(parseRequest({ type: 'scan', text: 'x', context: { relevant: 'yes' } })).toEqual({ type: 'scan', text: 'x', context: {} });
  });

  it('caps the text of a scan', () => {
    const parsed = parseRequest({ type: 'scan', text: 'a'.repeat(MAX_SCAN_CHARS + 10), context: {} });
    expect(parsed?.type === 'scan' && parsed.text.length).toBe(MAX_SCAN_CHARS);
  });

  it.each([
    null,
    42,
    'scan',
    [],
    { type: 'nope' },
    { type: 'scan' },
    { type: 'scan', text: 1, context: {} },
    { type: 'scan', text: 'x', context: { date: '7 Feb' } },
    { type: 'scan', text: 'x', context: null },
    { type: 'card', kind: 'person' },
    { type: 'card', kind: 'alien', id: 'x' },
    { type: 'card', kind: 'person', id: 'Not An Id' },
    { type: 'card', kind: 'person', id: 'x', claimId: '../../etc' },
    { type: 'card', kind: 'figure', id: 'x', date: 20260207 },
    { type: 'inject-styles', names: { entity: 'bs-abcdefgh', talks: 'bs-abcdefgh', figure: '} body { display:none' } },
    { type: 'inject-styles', names: 'bs-abcdefgh' },
    { type: '__proto__' },
    { type: 'constructor' },
  ])('refuses %j', (message) => {
    expect(parseRequest(message)).toBeNull();
  });

  it('accepts a card request with optional fields, dropping a non-finite value', () => {
    expect(parseRequest({ type: 'card', kind: 'figure', id: 'protest-death-toll', claimId: 'hrana-3000', value: 3000 })).toEqual({
      type: 'card',
      kind: 'figure',
      id: 'protest-death-toll',
      claimId: 'hrana-3000',
      value: 3000,
    });
    expect(parseRequest({ type: 'card', kind: 'person', id: 'x', value: Number.NaN })).toEqual({ type: 'card', kind: 'person', id: 'x' });
  });

  it('never reads an inherited type', () => {
    const message = Object.create({ type: 'latest-round' }) as object;
    expect(parseRequest(message)).toBeNull();
  });
});
