/** `chokepoint serve`: the dashboard and the HTTP API (docs/dashboard.md). */
import { startServer } from '../../server/serve.js';
import type { Context } from '../context.js';

export async function runServe(ctx: Context, args: { port: number; host: string }): Promise<void> {
  const srv = await startServer({ port: args.port, host: args.host, datasetPath: ctx.datasetPath });
  ctx.out(`Chokepoint dashboard and API: ${srv.url} (Ctrl-C stops it)`);
  if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') {
    ctx.err(
      `chokepoint: warning: listening on ${args.host}, reachable beyond this machine; the API has no access control yet`,
    );
  }
}
