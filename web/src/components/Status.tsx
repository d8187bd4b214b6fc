/** Loading and error states, and a helper that renders one of the three states of a load. */
import type { ReactNode } from 'react';
import { ApiFailure } from '../api.js';
import { useT } from '../i18n.js';
import type { Loaded } from '../use-api.js';

/** `what` is already in the interface language ("the dataset", "数据集"). */
export function Loading({ what }: { what: string }) {
  const t = useT();
  return (
    <p className="status" role="status" aria-live="polite">
      {t('status.loading', { what })}
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const t = useT();
  const body = error instanceof ApiFailure ? error.body : undefined;
  return (
    <div className="error" role="alert">
      <strong>{t('status.error')}</strong> {error.message}
      {body?.hint ? <div>{t('status.hint', { hint: body.hint })}</div> : null}
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
