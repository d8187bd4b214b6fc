/**
 * Perspectives and restrictor sets: a country code or a bloc id, resolved to country indices.
 */
import type { CompiledDataset } from './compile.js';
import { closestNames } from './suggest.js';

export class UnknownNameError extends Error {
  override readonly name = 'UnknownNameError';
  constructor(
    readonly kind: 'item' | 'country or bloc' | 'area' | 'bloc' | 'stage' | 'kind',
    readonly value: string,
    readonly suggestions: readonly string[],
  ) {
    super(
      `unknown ${kind} "${value}"` +
        (suggestions.length
          ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`
          : ''),
    );
  }
}

export interface Perspective {
  /** The code or bloc id as given. */
  readonly id: string;
  readonly isBloc: boolean;
  /** Member country indices (one for a country). */
  readonly members: Int32Array;
}

/** Resolve a country code or bloc id; codes are matched case-insensitively. */
export function resolvePerspective(c: CompiledDataset, id: string): Perspective {
  const k = c.countryIndex.get(id.toUpperCase());
  if (k !== undefined) return { id: c.countryCodes[k]!, isBloc: false, members: Int32Array.of(k) };
  const b = c.blocIndex.get(id) ?? findCaseInsensitive(c.blocIds, id);
  if (b !== undefined) {
    return {
      id: c.blocIds[b]!,
      isBloc: true,
      members: c.blocMember.slice(c.blocOffsets[b]!, c.blocOffsets[b + 1]!),
    };
  }
  throw new UnknownNameError(
    'country or bloc',
    id,
    closestNames(id, [...c.countryCodes, ...c.blocIds]),
  );
}

function findCaseInsensitive(ids: readonly string[], id: string): number | undefined {
  const lower = id.toLowerCase();
  const idx = ids.findIndex((x) => x.toLowerCase() === lower);
  return idx >= 0 ? idx : undefined;
}

/** Resolve an item id, with the closest known ids in the error. */
export function resolveItem(c: CompiledDataset, id: string): number {
  const i = c.itemIndex.get(id);
  if (i !== undefined) return i;
  const byName = c.dataset.items.findIndex((it) => it.name.toLowerCase() === id.toLowerCase());
  if (byName >= 0) return byName;
  throw new UnknownNameError('item', id, closestNames(id, c.itemIds));
}

/** Resolve an area id, with the closest known areas in the error. */
export function resolveArea(c: CompiledDataset, id: string): number {
  const a = c.areaIds.indexOf(id);
  if (a >= 0) return a;
  throw new UnknownNameError('area', id, closestNames(id, c.areaIds));
}
