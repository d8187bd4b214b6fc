/**
 * The dense form of `allowed[j][k][m]` (MODEL.md §3) for the items a scenario restricts.
 *
 * `allowed[j][k][m] = prod over matching restrictions of (1 - severity)`, never applied where
 * k === m. Only items touched by a restriction get a matrix (nCountries x nCountries, supplier
 * rows, buyer columns); every other item is unrestricted and takes the allocation fast path.
 * Built once per solve, so the hot loops index plain typed arrays.
 */
import type { CompiledDataset } from '../compile.js';
import type { ScenarioDiff } from './scenario-diff.js';

export interface AllowedTable {
  readonly nCountries: number;
  /** Per item: the matrix `allowed[k * nCountries + m]`, or null where nothing restricts j. */
  readonly matrix: readonly (Float64Array | null)[];
}

export function compileAllowed(c: CompiledDataset, diff: ScenarioDiff): AllowedTable {
  const nC = c.nCountries;
  const matrix = new Array<Float64Array | null>(c.nItems).fill(null);
  // Flags deduplicate lists built by hand (the builders already deduplicate), so a country
  // named twice in one restriction is not blocked twice.
  const inFrom = new Uint8Array(nC);
  const inTo = new Uint8Array(nC);
  const inItems = new Uint8Array(c.nItems);
  for (const r of diff.restrictions) {
    if (!(r.severity > 0)) continue;
    const keep = 1 - r.severity;
    inFrom.fill(0);
    inTo.fill(0);
    inItems.fill(0);
    for (const k of r.from) inFrom[k] = 1;
    for (const m of r.to) inTo[m] = 1;
    for (const j of r.items) {
      if (inItems[j]) continue;
      inItems[j] = 1;
      let mat = matrix[j];
      if (!mat) {
        mat = new Float64Array(nC * nC).fill(1);
        matrix[j] = mat;
      }
      for (let k = 0; k < nC; k++) {
        if (!inFrom[k]) continue;
        for (let m = 0; m < nC; m++) {
          // A restriction never applies to a country's own supply (MODEL.md §3).
          if (inTo[m] && k !== m) mat[k * nC + m]! *= keep;
        }
      }
    }
  }
  return { nCountries: nC, matrix };
}

/** Whether some supplier with capacity is restricted (allowed < 1) from selling j to buyer m. */
export function isRestrictedTo(
  table: AllowedTable,
  j: number,
  m: number,
  capacity: Float64Array,
): boolean {
  const mat = table.matrix[j];
  if (!mat) return false;
  const nC = table.nCountries;
  for (let k = 0; k < nC; k++) {
    if (mat[k * nC + m]! < 1 && capacity[j * nC + k]! > 0) return true;
  }
  return false;
}
