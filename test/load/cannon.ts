/**
 * autocannon 8 (a dev dependency without type declarations) with the types the load test and
 * bench/load.ts use, and the figures they report.
 */
import { createRequire } from 'node:module';

export interface CannonRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called with each response (header names in lower case). */
  onResponse?: (status: number, body: string, headers: Record<string, string>) => void;
}

export interface CannonOptions {
  url: string;
  /** Seconds. */
  duration: number;
  connections: number;
  /** Each connection sends these in turn, then starts over. */
  requests: CannonRequest[];
  /** Seconds before a request counts as a timeout. Default 10. */
  timeout?: number;
  /** Responses for which this returns false count as `mismatches`. */
  verifyBody?: (body: string) => boolean;
  title?: string;
}

interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
}

export interface CannonResult {
  title?: string;
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Milliseconds. */
  latency: Histogram;
  /** Completed requests per one-second sample. */
  requests: Histogram & { total: number; sent: number };
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  statusCodeStats: Record<string, { count: number }>;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<CannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function cannon(options: CannonOptions): Promise<CannonResult> {
  return autocannon({
    url: options.url,
    duration: options.duration,
    connections: options.connections,
    timeout: options.timeout ?? 10,
    requests: options.requests.map(({ onResponse, ...r }) =>
      onResponse
        ? {
            ...r,
            onResponse: (
              status: number,
              body: string,
              _context: unknown,
              headers: Record<string, string | string[]>,
            ) =>
              onResponse(
                status,
                body,
                Object.fromEntries(
                  Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
                ),
              ),
          }
        : r,
    ),
    ...(options.verifyBody ? { verifyBody: options.verifyBody } : {}),
    ...(options.title ? { title: options.title } : {}),
  });
}

/** What the load test asserts and bench/load.ts reports for one phase. */
export interface PhaseFigures {
  title: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Completed requests / duration. */
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Bodies the check rejected. */
  mismatches: number;
  statusCodes: Record<string, number>;
}

export function figures(title: string, r: CannonResult): PhaseFigures {
  return {
    title,
    connections: r.connections,
    seconds: r.duration,
    requests: r.requests.total,
    rps: r.duration > 0 ? r.requests.total / r.duration : 0,
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    statusCodes: Object.fromEntries(
      Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
  };
}
