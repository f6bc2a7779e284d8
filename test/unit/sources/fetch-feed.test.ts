// @vitest-environment node
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../../utils/sources/fetch-feed';
import { startServer, type LocalServer } from './local-server';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fetchFeed', () => {
  it('fetches and parses a feed, resolving relative links against the final address', async () => {
    server = await startServer({
      '/old.xml': (_req, res) => res.writeHead(301, { Location: '/talks/feed.xml' }).end(),
      '/talks/feed.xml': (_req, res) =>
        res.writeHead(200, { 'Content-Type': 'application/atom+xml', ETag: '"a1"' }).end(fixture('talks-atom.xml')),
    });
    const result = await fetchFeed(server.url('/old.xml'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.etag).toBe('"a1"');
    expect(result.finalUrl).toBe(server.url('/talks/feed.xml'));
    expect(result.feed.items.map((item) => item.link)).toEqual([
      'https://desk.example/islamabad-track',
      server.url('/talks/burgenstock-postponed'),
    ]);
    expect(result).not.toHaveProperty('body');
  });

  it('turns a login page served with 200 into a plain-words error', async () => {
    server = await startServer({
      '/feed': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(fixture('login-page.html')),
    });
    expect(await fetchFeed(server.url('/feed'))).toEqual({
      status: 'error',
      error: 'The address returned a web page, not a feed (perhaps a login or error page). Check the feed address.',
    });
  });

  it('passes parse errors and not-modified through', async () => {
    server = await startServer({
      '/broken.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(fixture('malformed.xml')),
      '/same.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"s"') res.writeHead(304).end();
        else res.writeHead(200, { ETag: '"s"' }).end(fixture('talks-empty.xml'));
      },
    });
    expect(await fetchFeed(server.url('/broken.xml'))).toEqual({
      status: 'error',
      error: expect.stringContaining('(line 7, column 5)'),
    });
    const first = await fetchFeed(server.url('/same.xml'));
    expect(first).toMatchObject({ status: 'ok', feed: { title: 'Quiet desk', items: [] } });
    expect(await fetchFeed(server.url('/same.xml'), { etag: '"s"' })).toEqual({
      status: 'not-modified',
      finalUrl: server.url('/same.xml'),
    });
  });
});
