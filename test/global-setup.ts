/**
 * Runs once before all test files: builds the dashboard if its sources are newer than
 * web/dist, so that browser tests running in parallel never build (and serve) it at once.
 */
import { ensureBuilt } from './browser/build.js';

export default function setup(): void {
  ensureBuilt();
}
