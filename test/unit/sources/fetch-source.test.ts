// @vitest-environment node
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource, isAllowedSourceUrl, looksLikeHtml } from '../../../utils/sources/fetch-source';
import { startServer, type LocalServer } from './local-server';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const RSS = fixture('talks-rss.xml');
const MB = 1024 * 1024;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A body of `total` zero bytes produced on demand, counting what the server actually managed to send. */
function zeroStream(total: number, sent: { bytes: number }): Readable {
  const chunk = Buffer.alloc(64 * 1024);
  return new Readable({
    read() {
      if (sent.bytes >= total) return void this.push(null);
      sent.bytes += chunk.length;
      this.push(chunk);
    },
  });
}

describe('fetchSource', () => {
  it('returns the body, validators and max-age of a feed', async () => {
    server = await startServer({
      '/feed.xml': (_req, res) =>
        res
          .writeHead(200, {
            'Content-Type': 'application/rss+xml; charset=utf-8',
            ETag: '"v1"',
            'Last-Modified': 'Fri, 06 Feb 2026 10:00:00 GMT',
            'Cache-Control': 'public, max-age=900',
          })
          .end(RSS),
    });
    const result = await fetchSource(server.url('/feed.xml'));
    expect(result).toMatchObject({
      status: 'ok',
      finalUrl: server.url('/feed.xml'),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Fri, 06 Feb 2026 10:00:00 GMT',
      maxAgeSeconds: 900,
    });
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.body).toContain('Delegations meet in Muscat');
    const request = server.requests[0];
    expect(request?.headers.cookie).toBeUndefined();
    expect(request?.headers.referer).toBeUndefined();
    expect(request?.headers['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since and reports 304 as not modified', async () => {
    server = await startServer({
      '/feed.xml': (req, res) => {
        const fresh = req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Fri, 06 Feb 2026 10:00:00 GMT';
        if (fresh) res.writeHead(304, { 'Cache-Control': 'max-age=120' }).end();
        else res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"v1"' }).end(RSS);
      },
    });
    const unconditional = await fetchSource(server.url('/feed.xml'));
    expect(unconditional.status).toBe('ok');
    const conditional = await fetchSource(server.url('/feed.xml'), {
      etag: '"v1"',
      lastModified: 'Fri, 06 Feb 2026 10:00:00 GMT',
    });
    expect(conditional).toEqual({ status: 'not-modified', finalUrl: server.url('/feed.xml'), maxAgeSeconds: 120 });
  });

  it('follows redirects and reports where it ended', async () => {
    server = await startServer({
      '/old': (_req, res) => res.writeHead(301, { Location: '/new' }).end(),
      '/new': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(RSS),
    });
    const result = await fetchSource(server.url('/old'));
    expect(result).toMatchObject({ status: 'ok', finalUrl: server.url('/new') });
  });

  it('refuses a redirect to a plain-http address that is not local', async () => {
    // 127.0.0.2 is this machine too, but only localhost, 127.0.0.1 and [::1] may be plain http.
    const elsewhere = await startServer(
      { '/feed': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(RSS) },
      '127.0.0.2',
    );
    try {
      server = await startServer({
        '/away': (_req, res) => res.writeHead(302, { Location: elsewhere.url('/feed') }).end(),
      });
      expect(await fetchSource(server.url('/away'))).toEqual({
        status: 'error',
        error: `The address redirected to ${elsewhere.url('/feed')}, which is not allowed`,
      });
      expect(elsewhere.requests).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });

  it('maps 500, 404 and 410', async () => {
    server = await startServer({
      '/500': (_req, res) => res.writeHead(500).end('oops'),
      '/404': (_req, res) => res.writeHead(404).end('missing'),
      '/410': (_req, res) => res.writeHead(410).end('gone'),
    });
    expect(await fetchSource(server.url('/500'))).toEqual({
      status: 'error',
      error: 'The server had a problem (500)',
      httpStatus: 500,
    });
    expect(await fetchSource(server.url('/404'))).toEqual({
      status: 'error',
      error: 'Nothing was found at this address (404)',
      httpStatus: 404,
    });
    expect(await fetchSource(server.url('/410'))).toEqual({ status: 'gone' });
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    const now = Date.parse('2026-02-06T10:00:00Z');
    server = await startServer({
      '/busy': (_req, res) => res.writeHead(503, { 'Retry-After': '120' }).end(),
      '/slow-down': (_req, res) => res.writeHead(429, { 'Retry-After': 'Fri, 06 Feb 2026 11:30:00 GMT' }).end(),
    });
    expect(await fetchSource(server.url('/busy'), { now: () => now })).toMatchObject({
      status: 'error',
      httpStatus: 503,
      retryAfterSeconds: 120,
    });
    expect(await fetchSource(server.url('/slow-down'), { now: () => now })).toMatchObject({
      status: 'error',
      httpStatus: 429,
      retryAfterSeconds: 5400,
    });
  });

  it('gives up on a server that never answers', async () => {
    server = await startServer({ '/hang': () => undefined });
    const started = Date.now();
    const result = await fetchSource(server.url('/hang'), { timeoutMs: 300 });
    expect(result).toEqual({ status: 'error', error: 'No answer within 0.3 seconds' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up on a body that stalls after the headers', async () => {
    server = await startServer({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.write('<rss><channel>');
      },
    });
    const result = await fetchSource(server.url('/stall'), { timeoutMs: 300 });
    expect(result).toEqual({ status: 'error', error: 'No answer within 0.3 seconds' });
  });

  it('reports a body cut short by the server', async () => {
    server = await startServer({
      '/truncated': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(RSS.length) });
        res.write(RSS.subarray(0, 200), () => res.destroy());
      },
    });
    const result = await fetchSource(server.url('/truncated'));
    expect(result).toEqual({ status: 'error', error: 'The connection was cut before the whole response arrived' });
  });

  it('reports a refused connection in plain words', async () => {
    server = await startServer({});
    const url = server.url('/feed.xml');
    await server.close();
    server = undefined;
    expect(await fetchSource(url)).toEqual({ status: 'error', error: 'The server refused the connection' });
  });

  it('stops reading a 50 MB body at the cap', async () => {
    const sent = { bytes: 0 };
    server = await startServer({
      '/huge': (_req, res) => {
        // No Content-Length: the cap has to be enforced while streaming.
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        zeroStream(50 * MB, sent).pipe(res);
      },
    });
    const result = await fetchSource(server.url('/huge'), { maxBytes: 5 * MB });
    expect(result).toEqual({ status: 'error', error: 'The response is larger than 5 MB' });
    // Give the server a moment to notice the closed socket, then check it did not get to send everything.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent.bytes).toBeLessThan(25 * MB);
  });

  it('rejects a declared Content-Length over the cap without reading', async () => {
    server = await startServer({
      '/declared': (_req, res) => res.writeHead(200, { 'Content-Length': String(6 * MB) }).end(Buffer.alloc(6 * MB)),
    });
    expect(await fetchSource(server.url('/declared'))).toEqual({
      status: 'error',
      error: 'The response is larger than 5 MB',
    });
  });

  it('contains a gzip bomb by capping the decompressed bytes', async () => {
    const fed = { bytes: 0 };
    let compressedBytes = 0;
    server = await startServer({
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' });
        const gzip = createGzip();
        gzip.on('data', (chunk: Buffer) => (compressedBytes += chunk.length));
        // 2 GB of zeros compress to about 2 MB; decompressing all of it would take seconds and 2 GB of memory.
        zeroStream(2048 * MB, fed).pipe(gzip).pipe(res);
      },
    });
    const result = await fetchSource(server.url('/bomb'), { maxBytes: 5 * MB });
    expect(result).toEqual({ status: 'error', error: 'The response is larger than 5 MB' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(compressedBytes).toBeGreaterThan(0);
    // Measured here: about 30 MB of zeros get compressed before backpressure stops the server.
    expect(fed.bytes).toBeLessThan(512 * MB);
  });

  it('decodes a windows-1256 Arabic feed by its XML declaration', async () => {
    const bytes = fixture('arabic-windows-1256.xml');
    server = await startServer({
      '/ar.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(bytes),
      '/ar-header.xml': (_req, res) =>
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=windows-1256' }).end(bytes),
    });
    for (const path of ['/ar.xml', '/ar-header.xml']) {
      const result = await fetchSource(server.url(path));
      if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
      expect(result.body).toContain('عراقجي يصل إلى مسقط لجولة جديدة من المحادثات');
      expect(result.body).toContain('قال البوسعيدي');
      expect(result.body).not.toContain('\uFFFD');
    }
  });

  it('prefers the Content-Type charset and falls back to <meta charset>', async () => {
    const latin = Buffer.from('<html><head><meta charset="windows-1252"></head><body>caf\xe9</body></html>', 'latin1');
    server = await startServer({
      '/meta': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(latin),
      '/utf8-default': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<a>café</a>'),
    });
    const meta = await fetchSource(server.url('/meta'));
    expect(meta.status === 'ok' && meta.body).toContain('café');
    const utf8 = await fetchSource(server.url('/utf8-default'));
    expect(utf8.status === 'ok' && utf8.body).toBe('<a>café</a>');
  });

  it('fetches an HTML login page served with 200, which looksLikeHtml flags', async () => {
    server = await startServer({
      '/feed': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(fixture('login-page.html')),
    });
    const result = await fetchSource(server.url('/feed'));
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(looksLikeHtml(result.body, result.contentType)).toBe(true);
  });

  it('refuses addresses that are not allowed before connecting', async () => {
    expect(await fetchSource('http://wire.example/feed.xml')).toEqual({
      status: 'error',
      error: 'Only https addresses are allowed (http only for localhost)',
    });
    expect(await fetchSource('not a url')).toEqual({ status: 'error', error: 'Not a valid address' });
  });
});

describe('isAllowedSourceUrl', () => {
  it.each([
    ['https://wire.example/feed.xml', true],
    ['http://localhost:8080/feed', true],
    ['http://127.0.0.1/feed', true],
    ['http://[::1]:3000/feed', true],
    ['HTTPS://WIRE.EXAMPLE/', true],
    ['http://wire.example/feed.xml', false],
    ['http://localhost.wire.example/', false],
    ['http://127.0.0.2/', false],
    ['ftp://wire.example/feed', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
  ])('%s → %s', (url, allowed) => {
    const check = isAllowedSourceUrl(url);
    expect(check.ok).toBe(allowed);
    if (!check.ok) expect(check.error).toBe('Only https addresses are allowed (http only for localhost)');
  });

  it('refuses a user name or password in the address', () => {
    expect(isAllowedSourceUrl('https://reader:secret@wire.example/feed')).toEqual({
      ok: false,
      error: 'Addresses with a user name or password are not allowed',
    });
  });

  it('says when the text is no address at all', () => {
    expect(isAllowedSourceUrl('wire dot example')).toEqual({ ok: false, error: 'Not a valid address' });
    expect(isAllowedSourceUrl('')).toEqual({ ok: false, error: 'Not a valid address' });
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['<!DOCTYPE html><html><body>Sign in</body></html>', 'text/html', true],
    ['\uFEFF  <!-- tracking --><html lang="en">', 'application/rss+xml', true],
    ['<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'application/xml', true],
    ['<?xml version="1.0"?><rss version="2.0">', 'text/html', false],
    ['<feed xmlns="http://www.w3.org/2005/Atom">', 'text/html', false],
    ['{"version":"https://jsonfeed.org/version/1.1"}', 'text/html', false],
    ['<!DOCTYPE rss PUBLIC "x" "y"><rss>', 'text/xml', false],
    ['Sorry, something went wrong', 'text/html', true],
    ['<rss version="2.0">', 'application/rss+xml', false],
  ])('%j (%s) → %s', (body, contentType, html) => {
    expect(looksLikeHtml(body, contentType)).toBe(html);
  });
});
