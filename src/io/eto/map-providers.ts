/**
 * ETO providers (providers.csv) as countries, organizations and residuals.
 *
 * providers.csv repeats a provider once per alias (Canon, Canon ANELVA, Canon Machinery all
 * carry P159), so providers are deduplicated by `provider_id`: the first row's name is the
 * canonical name, the other names become aliases. Countries are written as ISO alpha-3 codes
 * in `provider_name` with the full name in `alias`. Roles:
 * - a country with a known ISO code -> that code;
 * - "Various countries" -> ROW, the explicit residual;
 * - any other country-type provider (ETO's `EUR`, "Europe") is a region, not an ISO country:
 *   its share goes to ROW and each item gets a note (see map-shares.ts);
 * - "Various companies" -> dropped from organization shares (their residual is implied);
 * - an organization -> an organization id: the slug of its canonical name, made unique, and
 *   never a 3-letter slug that reads as a country code ("arm" becomes "arm-gbr").
 */
import { countryName, isKnownCountryCode } from '../countries.js';
import type { EtoNoteLog } from './eto-notes.js';
import { slugify } from '../validate-dataset.js';
import { uniqueSlug } from './eto-text.js';
import type { EtoProviderRow } from './read-eto-csv.js';
import { etoError } from './read-eto-csv.js';

export type ProviderRole =
  | { role: 'country'; code: string }
  | { role: 'residual-countries' }
  | { role: 'region' }
  | { role: 'residual-companies' }
  | { role: 'organization'; orgId: string; country: string }
  /** An organization whose headquarters country cannot be resolved: its rows are dropped. */
  | { role: 'unplaced' };

export type EtoProvider = ProviderRole & {
  providerId: string;
  name: string;
  /** Other names of the provider in providers.csv (alias column, repeated rows). */
  aliases: string[];
};

export interface ProviderIndex {
  byId: Map<string, EtoProvider>;
  /** Full country names by ISO code, from ETO's country aliases ("USA" -> "United States"). */
  countryNames: Map<string, string>;
}

const VARIOUS = /^various\b/i;

export function mapProviders(rows: readonly EtoProviderRow[], notes: EtoNoteLog): ProviderIndex {
  // Group the alias rows of each provider id, keeping file order.
  const groups = new Map<string, EtoProviderRow[]>();
  for (const r of rows) {
    // A provider with no name would become an organization with no name (an invalid dataset).
    if (!r.provider_id || !r.provider_name) {
      throw etoError(
        'providers.csv',
        'missing-value',
        `providers.csv row ${r.row} has no provider_id or provider_name`,
      );
    }
    const g = groups.get(r.provider_id);
    if (g) g.push(r);
    else groups.set(r.provider_id, [r]);
  }

  // Country names first: organizations' country columns may use them.
  const countryNames = new Map<string, string>();
  const codeByName = new Map<string, string>();
  for (const g of groups.values()) {
    const first = g[0]!;
    if (first.provider_type !== 'country' || !isKnownCountryCode(first.provider_name)) continue;
    const alias = g.find((r) => r.alias)?.alias;
    countryNames.set(first.provider_name, alias ?? countryName(first.provider_name) ?? '');
    for (const r of g) if (r.alias) codeByName.set(r.alias.toLowerCase(), first.provider_name);
  }
  const resolveCountry = (value: string): string | undefined => {
    const v = value.trim();
    if (isKnownCountryCode(v.toUpperCase()) && v.length === 3) return v.toUpperCase();
    return codeByName.get(v.toLowerCase());
  };

  const taken = new Set<string>();
  const byId = new Map<string, EtoProvider>();
  for (const [providerId, g] of groups) {
    const first = g[0]!;
    const name = first.provider_name;
    const aliases = [
      ...new Set(g.flatMap((r) => [r.provider_name, r.alias]).filter((a) => a && a !== name)),
    ];
    const head = { providerId, name, aliases };
    if (g.some((r) => r.provider_type !== first.provider_type)) {
      notes.add(
        'guessed',
        `providers.csv: provider ${providerId} (${name}) is listed with several provider_type values; using the first, "${first.provider_type}"`,
      );
    }
    if (first.provider_type === 'country') {
      if (VARIOUS.test(name)) byId.set(providerId, { ...head, role: 'residual-countries' });
      else if (isKnownCountryCode(name))
        byId.set(providerId, { ...head, role: 'country', code: name });
      else byId.set(providerId, { ...head, role: 'region' });
    } else if (first.provider_type === 'organization') {
      if (VARIOUS.test(name)) {
        byId.set(providerId, { ...head, role: 'residual-companies' });
        continue;
      }
      const countryCell = g.find((r) => r.country)?.country ?? '';
      const country = resolveCountry(countryCell);
      if (!country) {
        notes.add(
          'dropped',
          `providers.csv: organization ${providerId} (${name}) has country "${countryCell}", not a known country; its shares are dropped`,
        );
        byId.set(providerId, { ...head, role: 'unplaced' });
        continue;
      }
      if (country !== countryCell) {
        notes.add(
          'normalized',
          `providers.csv: organization ${name} has country "${countryCell}", read as ${country}`,
        );
      }
      byId.set(providerId, {
        ...head,
        role: 'organization',
        orgId: orgId(name, country, taken),
        country,
      });
    } else {
      throw etoError(
        'providers.csv',
        'eto-provider-type',
        `providers.csv row ${first.row}: provider ${providerId} has provider_type "${first.provider_type}"`,
        'write "country" or "organization"',
      );
    }
  }
  return { byId, countryNames };
}

function orgId(name: string, country: string, taken: Set<string>): string {
  // A 3-letter id that is also a country code would be read as the country (validation
  // rejects it), so such names carry their headquarters country: "arm-gbr". A name with no
  // letters or digits (";") would fall back to the country code itself: "org-jpn".
  const reserved = new Set(taken);
  const id = uniqueSlug(name, reserved, country);
  if (id.length === 3 && isKnownCountryCode(id.toUpperCase())) {
    return uniqueSlug(`${slugify(name) || 'org'} ${country}`, taken, country);
  }
  taken.add(id);
  return id;
}
