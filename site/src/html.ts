/** HTML escaping for text and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** A link target the site will print: http(s), mailto, tel, or a path on this site; anything else (javascript:, data:) is dropped. */
export const safeHref = (url: unknown): string | undefined => {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (/^(https?:|mailto:|tel:)/i.test(trimmed) || /^\/(?!\/)/.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  return undefined;
};
