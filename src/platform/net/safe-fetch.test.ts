import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHostLimiter } from './host-limiter.ts';
import { NetError } from './net-error.ts';
import { safeFetch } from './safe-fetch.ts';

interface Seen {
  path: string;
  host: string;
}

let server: http.Server;
let base = '';
let port = 0;
const seen: Seen[] = [];
let inFlight = 0;
let maxInFlight = 0;

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  if (path === '/data.csv') {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    res.end('a,b\n1,2\n');
  } else if (path.startsWith('/redirect?to=')) {
    res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?to='.length)) });
    res.end();
  } else if (path === '/loop') {
    res.writeHead(301, { location: '/loop' });
    res.end();
  } else if (path === '/big') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.alloc(100_000, 65));
  } else if (path === '/hang') {
    // never answers
  } else if (path === '/slow') {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.end('ok');
    }, 60);
  } else {
    res.writeHead(404);
    res.end('missing');
  }
}

async function failure(p: Promise<unknown>): Promise<NetError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof NetError, `expected NetError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}

before(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', host: req.headers.host ?? '' });
    route(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('safeFetch', () => {
  it('refuses loopback unless allowLoopback is set, and the server never sees the request', async () => {
    const before = seen.length;
    const err = await failure(safeFetch(`${base}/data.csv`));
    assert.equal(err.failure, 'blocked_address');
    assert.equal(err.code, 'ODP_NET_BLOCKED_ADDRESS');
    assert.equal(seen.length, before);
  });

  it('refuses decimal, hex and IPv4-mapped IPv6 spellings of loopback', async () => {
    for (const host of ['2130706433', '0x7f.0.0.1', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      const err = await failure(safeFetch(`http://${host}:${port}/data.csv`));
      assert.equal(err.failure, 'blocked_address', host);
    }
  });

  it('fetches with allowLoopback: body, status, served content type, connected address', async () => {
    const res = await safeFetch(`${base}/data.csv`, { allowLoopback: true });
    assert.equal(res.status, 200);
    assert.equal(new TextDecoder().decode(res.body), 'a,b\n1,2\n');
    assert.equal(res.contentType, 'text/csv; charset=utf-8');
    assert.equal(res.remoteAddress, '127.0.0.1');
    assert.deepEqual(res.redirects, []);
  });

  it('follows a redirect between allowed addresses and reports it', async () => {
    const res = await safeFetch(`${base}/redirect?to=${encodeURIComponent('/data.csv')}`, {
      allowLoopback: true,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.redirects, [`${base}/data.csv`]);
  });

  it('refuses redirects to private, metadata and mapped-IPv6 addresses even when loopback is allowed', async () => {
    for (const target of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[fd00:ec2::254]/',
    ]) {
      const err = await failure(
        safeFetch(`${base}/redirect?to=${encodeURIComponent(target)}`, { allowLoopback: true }),
      );
      assert.equal(err.failure, 'blocked_address', target);
    }
  });

  it('refuses a host name whose DNS answer is a private address', async () => {
    const err = await failure(
      safeFetch('http://public.example/redirect', { resolver: async () => ['10.9.9.9'] }),
    );
    assert.equal(err.failure, 'blocked_address');
  });

  it('resolves once and connects to that address: a DNS answer that changes cannot move the socket', async () => {
    const answers = [['127.0.0.1'], ['10.0.0.1'], ['169.254.169.254']];
    let calls = 0;
    const resolver = async (): Promise<string[]> => answers[Math.min(calls++, answers.length - 1)] ?? [];
    const before = seen.length;
    const res = await safeFetch(`http://rebind.test:${port}/data.csv`, { allowLoopback: true, resolver });
    assert.equal(res.status, 200);
    assert.equal(calls, 1);
    assert.equal(res.remoteAddress, '127.0.0.1');
    // The original host name is kept in the Host header.
    assert.equal(seen.at(-1)?.host, `rebind.test:${port}`);
    assert.equal(seen.length, before + 1);
  });

  it('refuses when any DNS answer is private, even alongside a public one', async () => {
    const err = await failure(
      safeFetch('http://mixed.test/', { resolver: async () => ['93.184.216.34', '192.168.0.10'] }),
    );
    assert.equal(err.failure, 'blocked_address');
  });

  it('caps the body: truncates on request, fails otherwise', async () => {
    const cut = await safeFetch(`${base}/big`, { allowLoopback: true, maxBytes: 1000, truncate: true });
    assert.equal(cut.body.length, 1000);
    assert.equal(cut.truncated, true);
    const err = await failure(safeFetch(`${base}/big`, { allowLoopback: true, maxBytes: 1000 }));
    assert.equal(err.failure, 'too_large');
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    const err = await failure(safeFetch(`${base}/hang`, { allowLoopback: true, timeoutMs: 300 }));
    assert.equal(err.failure, 'timeout');
    assert.ok(Date.now() - started < 3000);
  });

  it('reports a TLS error when https meets a server that does not speak TLS', async () => {
    const err = await failure(safeFetch(`https://127.0.0.1:${port}/data.csv`, { allowLoopback: true }));
    assert.equal(err.failure, 'tls');
  });

  it('stops redirect loops', async () => {
    const err = await failure(safeFetch(`${base}/loop`, { allowLoopback: true, maxRedirects: 3 }));
    assert.equal(err.failure, 'too_many_redirects');
  });

  it('refuses non-http schemes and credentials in URLs', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/x', 'http://user:pw@example.org/']) {
      assert.equal((await failure(safeFetch(url))).failure, 'bad_url', url);
    }
  });

  it('limits concurrent requests per host', async () => {
    maxInFlight = 0;
    const limiter = createHostLimiter(2);
    await Promise.all(
      Array.from({ length: 6 }, () => safeFetch(`${base}/slow`, { allowLoopback: true, limiter })),
    );
    assert.equal(maxInFlight, 2);
  });
});
