/** `chokepoint serve`: the dashboard and the HTTP API (docs/dashboard.md, docs/api.md). */
import { isLoopbackAddress } from '../../server/auth.js';
import { startServer } from '../../server/serve.js';
import { describeLocation, openStore, resolveStoreLocation } from '../../store/open-store.js';
import type { Context } from '../context.js';

export interface ServeArgs {
  port: number;
  host: string;
  publicRead: boolean;
  rateLimit: number;
  corsOrigin?: string | undefined;
}

export async function runServe(ctx: Context, args: ServeArgs): Promise<void> {
  const location = resolveStoreLocation({ db: (ctx.options as { db?: string }).db });
  const store = await openStore(location);
  let srv;
  try {
    srv = await startServer({
      port: args.port,
      host: args.host,
      datasetPath: ctx.datasetPath,
      store,
      publicRead: args.publicRead,
      ratePerMinute: args.rateLimit,
      corsOrigin: args.corsOrigin,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  ctx.out(`Chokepoint dashboard and API: ${srv.url} (Ctrl-C stops it)`);
  ctx.err(`chokepoint: saved work goes to ${describeLocation(location)}`);
  const local = args.host === 'localhost' || isLoopbackAddress(args.host);
  if (!local) {
    const tokens = (await store.listTokens()).filter((t) => t.revokedAt === null).length;
    ctx.err(
      `chokepoint: listening on ${args.host}, reachable beyond this machine: ` +
        (args.publicRead
          ? 'anyone may read (--public-read); running and saving need a token'
          : 'every request from elsewhere needs a token') +
        ` (${tokens} live token(s); \`chokepoint tokens create\` makes one). Plain HTTP: put TLS in front of it.`,
    );
  }
  // Finish the answers in flight, close the store (a clean WAL checkpoint), then exit.
  const stop = () => {
    void srv
      .close()
      .catch(() => undefined)
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
