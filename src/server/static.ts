/**
 * The built dashboard (web/dist) served at `/`: files by path, and index.html for every other
 * path that is not under /api (the single-page app routes in the URL hash, so this fallback
 * only matters for mistyped links). Hashed assets are cached for a year; index.html never.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Only same-origin scripts, styles, images and fetches. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

function file(path: string, immutable: boolean): Response {
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return new Response(readFileSync(path), {
    headers: {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(type.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
    },
  });
}

export function dashboardRoutes(app: Hono, dir: string): void {
  const root = resolve(dir);
  app.on(['GET', 'HEAD'], '*', (ctx) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      return new Response(
        'The dashboard is not built. Run `npx vite build web` (or `npm run build`), then reload.\n',
        { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } },
      );
    }
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.req.path);
    } catch {
      return file(index, false);
    }
    const target = normalize(join(root, rel));
    // Never serve outside the dashboard folder (`/../../etc/passwd`).
    if (target.startsWith(root + sep) && existsSync(target) && statSync(target).isFile()) {
      return file(target, rel.startsWith('/assets/'));
    }
    return file(index, false);
  });
}
