/** Starting and stopping the real server (src/cli/main.ts serve) for the HTTP benches. */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Starts `odp serve` on 127.0.0.1:`port` over `dataDir` (no demo catalog, warnings only), plus `env`. */
export function startServer(dataDir: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [join(root, 'src/cli/main.ts'), 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      ODP_DATA_DIR: dataDir,
      ODP_DEMO: 'false',
      ODP_LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Polls /healthz every 5 ms until it answers 200; returns the ms since `t0`. Gives up after 60 s. */
export async function untilHealthy(port: number, t0 = performance.now()): Promise<number> {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 60_000) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Stops the server with SIGTERM and waits for it to exit. */
export async function stopServer(p: ChildProcess): Promise<void> {
  const done = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await done;
}

/** Requests to one local server over a fixed set of keep-alive connections. */
export interface LoadClient {
  /** Sends a request and reads the whole answer; resolves to its status. */
  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number>;
  close(): void;
}

/**
 * A light HTTP client for load: keep-alive connections through node:http. fetch() costs about 0.7 ms of
 * CPU per request here, which on a 2-core machine takes CPU from the server being measured.
 */
export function loadClient(port: number, connections: number): LoadClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    request(method, path, headers, body = '') {
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent,
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
