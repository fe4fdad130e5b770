import { escapeHtml, safeHref } from './html';

/**
 * Strapi's rich text (blocks) as GOV.UK-styled HTML. Every text is escaped and every link target
 * checked, so an editor's content cannot inject markup or scripts into the council's pages.
 * Content headings start at level 2: the page title is the only h1.
 */
type Node = { type?: string; text?: string; children?: Node[]; [key: string]: unknown };

const inline = (nodes: Node[] | undefined): string =>
  (nodes ?? [])
    .map((node) => {
      if (node.type === 'text') {
        let html = escapeHtml(node.text ?? '').replace(/\n/g, '<br>');
        if (node.code) html = `<code>${html}</code>`;
        if (node.bold) html = `<strong>${html}</strong>`;
        if (node.italic) html = `<em>${html}</em>`;
        if (node.underline) html = `<span class="app-underline">${html}</span>`;
        if (node.strikethrough) html = `<s>${html}</s>`;
        return html;
      }
      if (node.type === 'link') {
        const href = safeHref(node.url);
        const text = inline(node.children);
        return href ? `<a class="govuk-link" href="${escapeHtml(href)}">${text}</a>` : text;
      }
      return inline(node.children);
    })
    .join('');

const HEADING_CLASSES: Record<number, string> = { 2: 'govuk-heading-l', 3: 'govuk-heading-m', 4: 'govuk-heading-s', 5: 'govuk-heading-s', 6: 'govuk-heading-s' };

const list = (node: Node): string => {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items = (node.children ?? []).map((item) => {
    const nested = (item.children ?? []).filter((child) => child.type === 'list').map(list).join('');
    const text = inline((item.children ?? []).filter((child) => child.type !== 'list'));
    return `<li>${text}${nested}</li>`;
  });
  return `<${tag} class="govuk-list ${tag === 'ol' ? 'govuk-list--number' : 'govuk-list--bullet'}">${items.join('')}</${tag}>`;
};

const block = (node: Node): string => {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, Number(node.level) || 2));
      return `<h${level} class="${HEADING_CLASSES[level]}">${inline(node.children)}</h${level}>`;
    }
    case 'list':
      return list(node);
    case 'quote':
      return `<blockquote class="govuk-inset-text">${inline(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${inline(node.children)}</code></pre>`;
    case 'image': {
      const image = (node.image ?? {}) as { url?: string; alternativeText?: string };
      const src = safeHref(image.url);
      return src ? `<img class="app-image" src="${escapeHtml(src)}" alt="${escapeHtml(image.alternativeText ?? '')}">` : '';
    }
    case 'paragraph':
    default: {
      const html = inline(node.children);
      return html.trim() === '' ? '' : `<p class="govuk-body">${html}</p>`;
    }
  }
};

export const blocksToHtml = (blocks: unknown): string => (Array.isArray(blocks) ? (blocks as Node[]).map(block).join('\n') : '');

/** Whether a blocks value has any text at all (an empty editor leaves one empty paragraph). */
export const blocksHaveText = (blocks: unknown): boolean => blocksToHtml(blocks).replace(/<[^>]*>/g, '').trim() !== '';
