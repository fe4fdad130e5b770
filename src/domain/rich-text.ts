/**
 * The seed files write rich text as an array of paragraphs (strings) and bullet lists
 * (`{ "list": [...] }`), which translators can read; Strapi stores it as Blocks.
 */
export type RichTextSource = Array<string | { list: string[] }>;

type TextNode = { type: 'text'; text: string };
export type Block =
  | { type: 'paragraph'; children: TextNode[] }
  | { type: 'list'; format: 'unordered'; children: Array<{ type: 'list-item'; children: TextNode[] }> };

const text = (value: string): TextNode[] => [{ type: 'text', text: value }];

export const toBlocks = (source: RichTextSource): Block[] =>
  source.map((item) =>
    typeof item === 'string'
      ? { type: 'paragraph', children: text(item) }
      : { type: 'list', format: 'unordered', children: item.list.map((entry) => ({ type: 'list-item', children: text(entry) })) },
  );

/** Plain text of blocks, one line per paragraph or list item (for search, summaries and tests). */
export const blocksToText = (blocks: unknown): string => {
  if (!Array.isArray(blocks)) return '';
  const lines: string[] = [];
  const walk = (node: any): string => {
    if (!node || typeof node !== 'object') return '';
    if (typeof node.text === 'string') return node.text;
    return Array.isArray(node.children) ? node.children.map(walk).join('') : '';
  };
  for (const block of blocks) {
    if (block?.type === 'list' && Array.isArray(block.children)) lines.push(...block.children.map(walk));
    else lines.push(walk(block));
  }
  return lines.join('\n');
};
