/** Display names of areas in the interface language (the catalog's; other areas show their id). */
import { areaLabel } from '../../../src/core/i18n/index.js';
import { useLang } from '../i18n.js';

export function useAreaTitle(): (id: string) => string {
  const lang = useLang();
  return (id) => areaLabel(lang, id);
}
