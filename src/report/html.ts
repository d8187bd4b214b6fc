/** HTML text helpers: every piece of dataset text goes through `esc` before it reaches a page. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and double- or single-quoted attributes. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A safe href: http(s) links only; anything else (javascript:, data:) gives undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
}

/** Text width in em, roughly: CJK characters are 1em, Latin ~0.56em (for label layout). */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x2e80 && cp <= 0xffef) w += 1;
    else if (/[A-Z]/.test(ch)) w += 0.66;
    else if (/[mwMW]/.test(ch)) w += 0.8;
    else if (/[il.,:;'|!]/.test(ch)) w += 0.3;
    else w += 0.54;
  }
  return w;
}

/** Clip text to at most `em` wide, with an ellipsis. */
export function clipText(text: string, em: number): string {
  if (textWidthEm(text) <= em) return text;
  let out = '';
  for (const ch of text) {
    if (textWidthEm(out + ch + '…') > em) break;
    out += ch;
  }
  return `${out}…`;
}
