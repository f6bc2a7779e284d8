import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isActiveOn, normalizeSite, repairSettings, siteMatches } from '@/utils/model/settings';

describe('repairSettings', () => {
  it('returns the defaults for nothing, and says so for garbage', () => {
    expect(repairSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, fixed: [] });
    expect(repairSettings('yes').fixed).toEqual(['settings: not an object, reset to defaults']);
    expect(repairSettings([1]).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and reports each invalid one', () => {
    const { settings, fixed } = repairSettings({
      enabled: false,
      markMode: 'sometimes',
      staleAfterDays: 45,
      kinds: ['person', 'figure', 'alien'],
      pausedSites: ['https://www.Example.com/path', 'not a host!', 42],
      theme: 'dark',
      colour: 'red',
    });
    expect(settings).toMatchObject({
      enabled: false,
      markMode: 'all',
      staleAfterDays: 45,
      kinds: ['person', 'figure'],
      pausedSites: ['www.example.com'],
      theme: 'dark',
    });
    expect(fixed).toEqual(
      expect.arrayContaining([
        'markMode: "sometimes" is not valid, reset',
        'kinds: dropped ["alien"]',
        'pausedSites: dropped "not a host!"',
        'pausedSites: dropped 42',
        'colour: unknown setting, dropped',
      ]),
    );
  });

  it('refuses out-of-range numbers', () => {
    expect(repairSettings({ staleAfterDays: 0 }).settings.staleAfterDays).toBe(DEFAULT_SETTINGS.staleAfterDays);
    expect(repairSettings({ staleAfterDays: 1.5 }).settings.staleAfterDays).toBe(DEFAULT_SETTINGS.staleAfterDays);
  });

  it('never reads a prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"enabled": false}, "constructor": {"prototype": {"x": 1}}}') as unknown;
    const { settings } = repairSettings(hostile);
    expect(settings.enabled).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('sites', () => {
  it('normalises site entries', () => {
    expect(normalizeSite(' https://News.Example.com:8080/a?b ')).toBe('news.example.com');
    expect(normalizeSite('*.example.org')).toBe('*.example.org');
    expect(normalizeSite('javascript:alert(1)')).toBeNull();
    expect(normalizeSite('')).toBeNull();
  });

  it('matches exact hosts and wildcard subdomains', () => {
    expect(siteMatches('example.com', 'example.com')).toBe(true);
    expect(siteMatches('example.com', 'www.example.com')).toBe(false);
    expect(siteMatches('*.example.com', 'www.example.com')).toBe(true);
    expect(siteMatches('*.example.com', 'example.com')).toBe(true);
    expect(siteMatches('*.example.com', 'badexample.com')).toBe(false);
  });

  it('decides where Backstory runs', () => {
    const base = { ...DEFAULT_SETTINGS };
    expect(isActiveOn(base, 'news.example')).toBe(true);
    expect(isActiveOn({ ...base, enabled: false }, 'news.example')).toBe(false);
    expect(isActiveOn({ ...base, pausedSites: ['news.example'] }, 'news.example')).toBe(false);
    expect(isActiveOn({ ...base, siteMode: 'listed', allowedSites: ['*.news.example'] }, 'www.news.example')).toBe(true);
    expect(isActiveOn({ ...base, siteMode: 'listed', allowedSites: ['*.news.example'] }, 'other.example')).toBe(false);
  });
});
