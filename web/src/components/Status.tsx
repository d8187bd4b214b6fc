/** Loading and error states, and a helper that renders one of the three states of a load. */
import type { ReactNode } from 'react';
import { ApiFailure } from '../api.js';
import type { Loaded } from '../use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const body = error instanceof ApiFailure ? error.body : undefined;
  return (
    <div className="error" role="alert">
      <strong>Error:</strong> {error.message}
      {body?.hint ? <div>Hint: {body.hint}</div> : null}
      {body?.problems && body.problems.length > 1 ? (
        <ul>
          {body.problems.map((p, n) => (
            <li key={n}>
              <code>{p.pointer}</code>: {p.message}
              {p.hint ? ` (${p.hint})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Show<T>({
  load,
  what,
  children,
}: {
  load: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error') return <ErrorBox error={load.error} />;
  return <>{children(load.data)}</>;
}
