/**
 * `chokepoint serve`: the API and the built dashboard on one port, bound to 127.0.0.1 unless
 * told otherwise. On a loopback address only loopback Host headers are answered (a web page
 * elsewhere cannot reach the API through DNS rebinding).
 */
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ChokepointApp } from './app.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { BUNDLED_DATASET } from './library.js';

/** The built dashboard: web/dist at the package root (two levels above src/server or dist/server). */
export const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServeOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Default: the bundled dataset. */
  datasetPath?: string | undefined;
  /** Default: web/dist of the package. */
  dashboardDir?: string | undefined;
  /** Saved work and tokens; none: the store routes answer 503 (the caller closes it). */
  store?: Store | undefined;
  /** Let anyone read without a token (not run, not save). */
  publicRead?: boolean | undefined;
  /** Requests per minute per token or address (0: none). Default 600. */
  ratePerMinute?: number | undefined;
  /** Allow pages of this origin to call the API (CORS). Closed by default. */
  corsOrigin?: string | undefined;
}

export interface RunningServer {
  url: string;
  app: ChokepointApp;
  close(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createApp({
    datasetPath: options.datasetPath ?? BUNDLED_DATASET,
    dashboardDir: options.dashboardDir ?? DASHBOARD_DIR,
    allowedHosts: LOOPBACK.includes(host) ? LOOPBACK : undefined,
    store: options.store,
    access: { publicRead: options.publicRead, ratePerMinute: options.ratePerMinute },
    corsOrigin: options.corsOrigin,
  });
  const { server, info } = await new Promise<{
    server: ReturnType<typeof serve>;
    info: AddressInfo;
  }>((ok, fail) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, (info) =>
      ok({ server, info }),
    );
    server.once('error', fail);
  });
  const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return {
    url: `http://${shown}:${info.port}/`,
    app,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        // Keep-alive connections (a browser) would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await app.close();
    },
  };
}
