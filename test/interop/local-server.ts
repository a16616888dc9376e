import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A node:http server on 127.0.0.1, port 0; `requests` records every URL asked for. */
export interface LocalServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Starts a local server answering with `handler`. */
export async function localServer(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void,
): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    handler(req, res, url);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
