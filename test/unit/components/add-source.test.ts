import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeT } from '@/components/ui/i18n';
import { addSourceWithPermission, requestOrigins } from '@/entrypoints/options/add-source';

const t = makeT();

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('adding a source from a page', () => {
  it('asks for exactly the origin synchronously, then adds the source', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: true,
      source: { id: 's1', kind: 'feed', title: 'Example feed', enabled: true },
    });
    const prompts: string[] = [];
    const pending = addSourceWithPermission('https://feeds.example/rss.xml', 'feed', t, (host) => prompts.push(host));
    // Before any await: the browser shows its prompt only inside the reader's gesture.
    expect(request).toHaveBeenCalledWith({ origins: ['https://feeds.example/*'] });
    expect(prompts).toEqual(['feeds.example']);
    expect(send).not.toHaveBeenCalled();
    expect(await pending).toMatchObject({ ok: true, source: { title: 'Example feed' } });
    expect(send).toHaveBeenCalledWith({ type: 'add-source', url: 'https://feeds.example/rss.xml', kind: 'feed' });
  });

  it('asks for nothing when the address is bad', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    for (const url of ['javascript:alert(1)', 'http://example.com/feed', 'not a url']) {
      const outcome = await addSourceWithPermission(url, 'feed', t);
      expect(outcome.ok).toBe(false);
    }
    expect(request).not.toHaveBeenCalled();
  });

  it('says which site needs permission when it is refused or the request throws', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    expect(await addSourceWithPermission('https://feeds.example/rss.xml', 'feed', t)).toEqual({
      ok: false,
      error: 'Backstory needs permission to read feeds.example to fetch this source. Nothing was added.',
    });
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(() => {
      throw new Error('not allowed');
    });
    expect(await requestOrigins(['https://a.example/*'])).toBe(false);
  });

  it('passes on the background error and every problem; a missing answer is an error too', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: false,
      error: 'This is not a story pack.',
      problems: ['$.entities: missing'],
    });
    expect(await addSourceWithPermission('https://packs.example/p.json', 'pack', t)).toEqual({
      ok: false,
      error: 'This is not a story pack.',
      problems: ['$.entities: missing'],
    });
    send.mockResolvedValue(null);
    expect(await addSourceWithPermission('https://packs.example/p.json', 'pack', t)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not answer/),
    });
  });
});
