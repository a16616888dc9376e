import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../app-context.ts';

interface Counter {
  count: number;
  seconds: number;
}

/** /healthz (liveness + store reachability) and /metrics (Prometheus text: requests by route and status). */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const counters = new Map<string, Counter>();
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${route} ${reply.statusCode}`;
    const c = counters.get(key) ?? { count: 0, seconds: 0 };
    c.count += 1;
    c.seconds += reply.elapsedTime / 1000;
    counters.set(key, c);
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db.kysely);
      return { status: 'ok', store: ctx.db.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable', store: ctx.db.dialect });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const lines = [
      '# HELP odp_http_requests_total HTTP requests answered.',
      '# TYPE odp_http_requests_total counter',
    ];
    const secs = [
      '# HELP odp_http_request_seconds_total Time spent answering.',
      '# TYPE odp_http_request_seconds_total counter',
    ];
    for (const [key, c] of counters) {
      const [method, route, status] = key.split(' ');
      const labels = `method="${method}",route="${esc(route ?? '')}",status="${status}"`;
      lines.push(`odp_http_requests_total{${labels}} ${c.count}`);
      secs.push(`odp_http_request_seconds_total{${labels}} ${c.seconds.toFixed(6)}`);
    }
    const mem = process.memoryUsage();
    const datasets = await ctx.db.kysely
      .selectFrom('datasets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'active')
      .where('private', '=', 0)
      .executeTakeFirst();
    const extra = [
      '# TYPE odp_process_resident_memory_bytes gauge',
      `odp_process_resident_memory_bytes ${mem.rss}`,
      '# TYPE odp_datasets gauge',
      `odp_datasets{state="active",visibility="public"} ${Number(datasets?.n ?? 0)}`,
    ];
    reply.type('text/plain; version=0.0.4').send(`${[...lines, ...secs, ...extra].join('\n')}\n`);
  });
}
