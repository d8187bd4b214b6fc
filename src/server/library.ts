/**
 * The scenario library: scenario files in `scenarios/` inside the dataset folder, beside it,
 * then the bundled `data/scenarios/` (the same search as `chokepoint scenarios`). Files are
 * read on each request, so an edited library shows without a restart.
 */
import { basename } from 'node:path';
import type { CompiledDataset } from '../core/compile.js';
import { readLibraryFiles } from '../io/scenario-library.js';
import type { LibraryEntry } from './api-types.js';

export { BUNDLED_DATASET, libraryFiles } from '../io/scenario-library.js';

export function readLibrary(datasetPath: string, c: CompiledDataset): LibraryEntry[] {
  return readLibraryFiles(datasetPath, c).map(({ path, text, scenario: s, problems }) => ({
    id: s.id,
    name: s.name ?? null,
    description: s.description ?? null,
    perspective: s.perspective ?? null,
    shocks: s.shocks.length,
    sources: s.sources,
    file: basename(path),
    valid: problems.length === 0,
    problems,
    scenario: s,
    text,
  }));
}
