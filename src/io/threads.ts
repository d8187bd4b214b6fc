/**
 * Worker threads that run one of this package's modules: the built JavaScript when it exists,
 * else (under the TypeScript sources: tests, tsx) the .ts module through a small bootstrap that
 * registers tsx's loader first, since `execArgv: ['--import', 'tsx']` does not reach worker
 * threads on Node 20.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `module`: the module's URL, with either extension (`new URL('./x.js', import.meta.url)`). */
export function startModuleWorker(module: URL | string, workerData: unknown): Worker {
  const href = typeof module === 'string' ? module : module.href;
  const js = fileURLToPath(href.replace(/\.ts$/, '.js'));
  if (existsSync(js)) return new Worker(js, { workerData });
  const ts = href.replace(/\.js$/, '.ts');
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
