/**
 * "Download brief" on every view: the policy brief (docs/briefs.md) for what the view shows —
 * the perspective, and the area, item or library scenario in view — in the interface language.
 * A scenario edited in the builder is sent in the request body.
 */
import { useState } from 'react';
import { briefForScenario, briefUrl } from '../api.js';
import { useLang, useT } from '../i18n.js';
import type { Route } from '../route.js';
import { decodeDraft } from '../scenario/draft.js';

export function BriefButton({ route, perspective }: { route: Route; perspective: string }) {
  const t = useT();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const params: Record<string, string | undefined> = { country: perspective, lang };
  if (route.page === 'overview') params.scenario = route.params.s;
  if (route.page === 'graph') params.area = route.arg || undefined;
  if (route.page === 'item') params.item = route.arg || undefined;
  const draft = route.page === 'scenario' ? decodeDraft(route.params.q) : undefined;
  if (route.page === 'scenario' && !draft) params.scenario = route.params.lib;
  const file = `brief-${perspective}-${lang}.html`;
  if (!draft) {
    return (
      <a className="button brief" href={briefUrl(params)} download={file} data-testid="brief">
        {t('brief.download')}
      </a>
    );
  }
  const download = () => {
    setError(null);
    briefForScenario(draft, params).then(
      (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = file;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      (err: Error) => setError(err.message),
    );
  };
  return (
    <>
      <button type="button" className="brief" onClick={download} data-testid="brief">
        {t('brief.download')}
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
