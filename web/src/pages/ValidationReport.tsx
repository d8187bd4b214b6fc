/** The validation report: errors and warnings counted, warnings grouped by code. */
import type { DatasetSummary } from '../api.js';

export function ValidationReport({ validation: v }: { validation: DatasetSummary['validation'] }) {
  const groups = new Map<string, typeof v.issues>();
  for (const i of v.issues) groups.set(i.code, [...(groups.get(i.code) ?? []), i]);
  return (
    <section aria-labelledby="validation">
      <h2 id="validation">Validation</h2>
      <p data-testid="validation-summary">
        {v.errors === 0 ? 'Valid' : 'Invalid'}: {v.errors} errors, {v.warnings} warnings. Warnings
        never block use: they flag old figures, share sums under 95%, missing sources.
      </p>
      {[...groups].map(([code, list]) => (
        <details key={code}>
          <summary>
            <code>{code}</code> · {list.length} {list[0]!.severity}
            {list.length > 1 ? 's' : ''}
          </summary>
          <ul className="issues">
            {list.map((i, n) => (
              <li key={n}>
                <code>
                  {i.file}
                  {i.line !== undefined ? `:${i.line}` : ''}
                  {i.column ? ` [${i.column}]` : ''}
                </code>{' '}
                {i.message}
                {i.hint ? <span className="muted"> Fix: {i.hint}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
