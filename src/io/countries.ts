/**
 * ISO 3166-1 alpha-3 country codes and English names, from the i18n-iso-countries package.
 */
import isoCountries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { ROW } from '../core/dataset.js';

isoCountries.registerLocale(en);

const ALPHA3 = new Set(Object.keys(isoCountries.getAlpha3Codes()));

/** True for an ISO 3166-1 alpha-3 code, or ROW. */
export function isKnownCountryCode(code: string): boolean {
  return code === ROW || ALPHA3.has(code);
}

export function allCountryCodes(): string[] {
  return [...ALPHA3].sort();
}

// Common short names where the package's default is the long official form.
const SHORT_NAMES: Record<string, string> = {
  CHN: 'China',
  TWN: 'Taiwan',
  USA: 'United States',
  RUS: 'Russia',
  IRN: 'Iran',
  VEN: 'Venezuela',
  BOL: 'Bolivia',
  TZA: 'Tanzania',
  SYR: 'Syria',
  LAO: 'Laos',
  MDA: 'Moldova',
  COD: 'DR Congo',
  COG: 'Congo',
  ROW: 'Rest of the world',
};

/** English short name of an ISO alpha-3 code ("Rest of the world" for ROW). */
export function countryName(code: string): string | undefined {
  // Own keys only: "toString" is not a country.
  if (Object.hasOwn(SHORT_NAMES, code)) return SHORT_NAMES[code];
  return isoCountries.getName(code, 'en') ?? undefined;
}
