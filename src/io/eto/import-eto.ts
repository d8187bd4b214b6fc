/**
 * Import the ETO Advanced Semiconductor Supply Chain Dataset (Emerging Technology
 * Observatory, Georgetown CSET; github.com/georgetown-cset/eto-chip-explorer, CC BY-NC 4.0)
 * as a Chokepoint dataset, with a log of every decision taken on the data's behalf.
 *
 * The mapping, file by file (each file's header says why):
 * - items (map-items.ts): one per ETO input (N*) and per stage (S1-S3, which carry shares
 *   too); slug ids, ETO id in the description, area `ic`, kinds from ETO's type, market size
 *   parsed from ETO's text; stages for the other inputs inherited downstream
 *   (inherit-stages.ts).
 * - requirements (map-sequence.ts): `goes_into` X -> Y means Y requires X; `is_type_of` is a
 *   variant (classification only); each stage requires its processes; cycles broken
 *   deterministically with a note (break-cycles.ts).
 * - providers (map-providers.ts): deduplicated by provider_id; ISO countries; "Various
 *   countries" -> ROW; regions such as `EUR` -> ROW with a note per item (an aggregate of
 *   Europe cannot be an ISO country, and a bloc cannot hold shares); "Various companies"
 *   dropped; organizations with slug ids and their aliases.
 * - shares (map-shares.ts): joined on ids, percent / 100, blank -> null (unknown), 0.0 ->
 *   dropped, year/source/basis per row; sources from provision's source texts
 *   (eto-sources.ts) plus `eto-chip-explorer` for items and requirements.
 * - countries: every code used, named from ETO's country aliases; no GDP.
 *
 * Missing files or columns, and rows the mapping cannot use (an id defined twice, a provider
 * with no id or an unknown type), throw a ValidationError naming the file and what is wrong.
 */
import type { Dataset } from '../../core/dataset.js';
import { breakCycles } from './break-cycles.js';
import type { EtoNote } from './eto-notes.js';
import { EtoNoteLog } from './eto-notes.js';
import { ETO_COMMIT, ETO_LICENSE, ETO_SNAPSHOT_DATE, ETO_URL, EtoSources } from './eto-sources.js';
import { inheritStages } from './inherit-stages.js';
import { mapItems } from './map-items.js';
import { mapProviders } from './map-providers.js';
import { mapSequence } from './map-sequence.js';
import { mapShares } from './map-shares.js';
import { readEtoTables } from './read-eto-csv.js';

export type { EtoNote, EtoNoteAction } from './eto-notes.js';

export function importEto(dir: string): { dataset: Dataset; notes: EtoNote[] } {
  const t = readEtoTables(dir);
  const notes = new EtoNoteLog();
  const providers = mapProviders(t.providers, notes);
  const mapping = mapItems(t.inputs, t.stages, notes);
  const requirements = breakCycles(
    mapping.items,
    mapSequence(t.sequence, t.inputs, mapping, notes),
    notes,
  );
  inheritStages(
    mapping.items,
    requirements,
    t.stages.flatMap((s) => mapping.stageSlug.get(s.stage_id) ?? []),
    notes,
  );
  const sources = new EtoSources();
  const { shares, organizations, countries } = mapShares({
    provision: t.provision,
    inputs: t.inputs,
    stages: t.stages,
    providers,
    items: mapping,
    sources,
    notes,
  });
  const dataset: Dataset = {
    meta: {
      name: 'eto-chip-explorer',
      version: `${ETO_SNAPSHOT_DATE} (${ETO_COMMIT})`,
      description:
        'ETO Advanced Semiconductor Supply Chain Dataset (Emerging Technology Observatory, ' +
        'Georgetown CSET), imported by Chokepoint. Attribute ETO/CSET wherever its figures are shown.',
      license: ETO_LICENSE,
      homepage: ETO_URL,
    },
    items: mapping.items,
    requirements,
    shares,
    organizations,
    countries,
    demand: [],
    blocs: [],
    sources: sources.list(),
  };
  notes.notes.unshift({
    action: 'info',
    message:
      `imported ${dataset.items.length} items (${t.inputs.length} inputs, ${t.stages.length} stages), ` +
      `${requirements.length} requirements, ${shares.length} shares, ` +
      `${organizations.length} organizations, ${countries.length} countries, ${dataset.sources.length} sources`,
  });
  return { dataset, notes: notes.notes };
}
