/**
 * The load benchmark's peer (bench/load.ts): a bare node:http server on 127.0.0.1 that answers
 * each known request with the bytes Chokepoint answered for it, precomputed. It parses nothing,
 * computes nothing and adds no headers beyond Content-Type and Content-Length: the floor of
 * what any Node HTTP API could do on this machine for the same answers.
 *
 * argv: <manifest.json>, an object `{ "GET /api/items": "/path/to/body", ... }`.
 * Prints `http://127.0.0.1:PORT/` once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const manifest = process.argv[2];
if (!manifest) throw new Error('usage: load-peer.ts <manifest.json>');
const answers = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>).map(
    ([key, file]) => [key, readFileSync(file)],
  ),
);

const server = createServer((req, res) => {
  const body = answers.get(`${req.method} ${req.url}`);
  // Read (and drop) the request body before answering, as a real handler would.
  req.resume();
  req.on('end', () => {
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown"}');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  if (typeof addr === 'object' && addr) process.stdout.write(`http://127.0.0.1:${addr.port}/\n`);
});
