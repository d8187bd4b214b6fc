/** Load an API answer for a component: loading, error and data states, re-run on key change. */
import { useEffect, useState } from 'react';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; data: T };

export function useApi<T>(load: () => Promise<T>, key: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: Error) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // The key lists what `load` depends on.
  }, key);
  return result;
}
