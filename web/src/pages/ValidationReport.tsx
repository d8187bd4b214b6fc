/** The validation report: errors and warnings counted, warnings grouped by code. */
import type { DatasetSummary } from '../api.js';
import { useT } from '../i18n.js';

export function ValidationReport({ validation: v }: { validation: DatasetSummary['validation'] }) {
  const t = useT();
  const groups = new Map<string, typeof v.issues>();
  for (const i of v.issues) groups.set(i.code, [...(groups.get(i.code) ?? []), i]);
  return (
    <section aria-labelledby="validation">
      <h2 id="validation">{t('validation.title')}</h2>
      <p data-testid="validation-summary">
        {t(v.errors === 0 ? 'validation.valid' : 'validation.invalid', {
          errors: String(v.errors),
          warnings: String(v.warnings),
        })}
      </p>
      {[...groups].map(([code, list]) => (
        <details key={code}>
          <summary>
            <code>{code}</code> ·{' '}
            {t(list[0]!.severity === 'error' ? 'validation.errors' : 'validation.warnings', {
              n: list.length,
            })}
          </summary>
          <ul className="issues">
            {list.map((i, n) => (
              <li key={n}>
                <code>
                  {i.file}
                  {i.line !== undefined ? `:${i.line}` : ''}
                  {i.column ? ` [${i.column}]` : ''}
                </code>{' '}
                <span lang="en">{i.message}</span>
                {i.hint ? (
                  <span className="muted" lang="en">
                    {' '}
                    {t('validation.fix', { hint: i.hint })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
