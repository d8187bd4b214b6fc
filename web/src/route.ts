/**
 * URL state: the whole view lives in the hash, `#/page/arg?key=value`, so every view can be
 * linked and reloaded. `p` (the perspective) and `lang` (the language) are shared by all pages.
 */
import { useCallback, useEffect, useState } from 'react';

export type Page = 'overview' | 'graph' | 'item' | 'scenario' | 'plan' | 'saved' | 'data';
const PAGES: readonly Page[] = ['overview', 'graph', 'item', 'scenario', 'plan', 'saved', 'data'];

export interface Route {
  page: Page;
  /** The path argument: an area for the graph, an item id for the item page. */
  arg: string;
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const path = q >= 0 ? h.slice(0, q) : h;
  const query = q >= 0 ? h.slice(q + 1) : '';
  const [page = '', ...rest] = path.split('/');
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  return {
    page: (PAGES as readonly string[]).includes(page) ? (page as Page) : 'overview',
    arg: decodeURIComponent(rest.join('/')),
    params,
  };
}

/** The interface language every link carries (`lang=`); set by the App. */
let linkLang: string | undefined;

export function setLinkLang(lang: string | undefined): void {
  linkLang = lang;
}

/** The hash of a route; empty parameters are left out; the language is kept. */
export function href(
  page: Page,
  arg = '',
  params: Record<string, string | undefined> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ lang: linkLang, ...params }))
    if (v !== undefined && v !== '') q.set(k, v);
  const qs = q.toString();
  return `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}${qs ? `?${qs}` : ''}`;
}

export function useRoute(): [Route, (next: string, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((next: string, replace = false) => {
    if (replace) {
      window.history.replaceState(null, '', next);
      setRoute(parseHash(next));
    } else window.location.hash = next;
  }, []);
  return [route, go];
}
