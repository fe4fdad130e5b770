/**
 * Inline formatting of rich text (Strapi Blocks) as XLIFF 1.2 inline codes, so that CAT tools
 * (Trados, memoQ, Phrase, OmegaT) show bold, italic, links… as protected tags the translator can
 * move but not break: `<g>` for paired codes (marks and links), `<x/>` for standalone ones (line
 * breaks). Link targets never enter the text: a code id stands for what the English source has at
 * that place, and the import takes the URL from there.
 */

export type InlineCode = { kind: 'g'; id: string; ctype: string; children: Inline[] } | { kind: 'x'; id: string; ctype: string };
export type Inline = string | InlineCode;

export const MARKS = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;
export type Mark = (typeof MARKS)[number];

/** XLIFF 1.2's own ctype values where it has one, `x-` names where it has not. */
const MARK_CTYPE: Record<Mark, string> = { bold: 'bold', italic: 'italic', underline: 'underlined', strikethrough: 'x-strikethrough', code: 'x-code' };
const LINK_CTYPE = 'link';
const LINE_BREAK_CTYPE = 'lb';

/** What a code id stands for in the English source. */
export type CodeMeaning = { tag: 'g'; mark: Mark } | { tag: 'g'; url: string } | { tag: 'x'; lineBreak: true };
export type Segment = { content: Inline[]; codes: Map<string, CodeMeaning> };

const ctypeOf = (meaning: CodeMeaning) => ('mark' in meaning ? MARK_CTYPE[meaning.mark] : 'url' in meaning ? LINK_CTYPE : LINE_BREAK_CTYPE);
export const describeCode = (id: string, meaning: CodeMeaning) => `<${meaning.tag} id="${id}"> (${ctypeOf(meaning)})`;

/** Text with its formatting, one run per text node, line breaks as their own tokens. */
type Token = { text: string; marks: Mark[]; link?: { index: number; url: string } };

const tokensOf = (nodes: unknown): Token[] => {
  const tokens: Token[] = [];
  const push = (node: any, link?: Token['link']) => {
    const marks = MARKS.filter((mark) => node[mark] === true);
    // A soft line break inside a paragraph is a standalone code, not text to translate.
    String(node.text).split('\n').forEach((part, index) => {
      if (index > 0) tokens.push({ text: '\n', marks, link });
      if (part !== '') tokens.push({ text: part, marks, link });
    });
  };
  (Array.isArray(nodes) ? nodes : []).forEach((node: any, index: number) => {
    if (node?.type === 'link') (node.children ?? []).forEach((child: any) => typeof child?.text === 'string' && push(child, { index, url: String(node.url ?? '') }));
    else if (typeof node?.text === 'string') push(node);
  });
  return tokens;
};

const mergeStrings = (content: Inline[]): Inline[] =>
  content.reduce<Inline[]>((merged, item) => {
    const last = merged[merged.length - 1];
    if (typeof item === 'string' && typeof last === 'string') merged[merged.length - 1] = last + item;
    else if (item !== '') merged.push(item);
    return merged;
  }, []);

/** Links outermost, then marks in a fixed order: the same formatting always gives the same tags. */
const LEVELS = ['link', ...MARKS] as const;

/** A block's inline nodes (paragraph, heading, quote or list item children) as one segment. */
export const segmentOfNodes = (nodes: unknown): Segment => {
  const codes = new Map<string, CodeMeaning>();
  const nextId = (meaning: CodeMeaning) => {
    const id = String(codes.size + 1);
    codes.set(id, meaning);
    return id;
  };
  const render = (tokens: Token[], level: number): Inline[] => {
    if (level === LEVELS.length) {
      return tokens.map((token) => (token.text === '\n' ? { kind: 'x' as const, id: nextId({ tag: 'x', lineBreak: true }), ctype: LINE_BREAK_CTYPE } : token.text));
    }
    const key = LEVELS[level];
    const groupOf = (token: Token) => (key === 'link' ? (token.link ? `link ${token.link.index}` : '') : token.marks.includes(key) ? key : '');
    const groups: Token[][] = [];
    tokens.forEach((token, index) => {
      if (index > 0 && groupOf(tokens[index - 1]) === groupOf(token)) groups[groups.length - 1].push(token);
      else groups.push([token]);
    });
    return groups.flatMap((group): Inline[] => {
      if (groupOf(group[0]) === '') return render(group, level + 1);
      const meaning: CodeMeaning = key === 'link' ? { tag: 'g', url: group[0].link!.url } : { tag: 'g', mark: key };
      const id = nextId(meaning);
      return [{ kind: 'g', id, ctype: ctypeOf(meaning), children: mergeStrings(render(group, level + 1)) }];
    });
  };
  return { content: mergeStrings(render(tokensOf(nodes), 0)), codes };
};

export const plainSegment = (text: string): Segment => ({ content: [text], codes: new Map() });

/** The text a reader sees: strings, with line breaks for `<x ctype="lb"/>`. */
export const inlineText = (content: Inline[]): string =>
  content.map((item) => (typeof item === 'string' ? item : item.kind === 'g' ? inlineText(item.children) : item.ctype === LINE_BREAK_CTYPE ? '\n' : '')).join('');

export const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export const inlineXml = (content: Inline[]): string =>
  content
    .map((item) => {
      if (typeof item === 'string') return escapeXml(item);
      if (item.kind === 'x') return `<x id="${escapeXml(item.id)}" ctype="${escapeXml(item.ctype)}"/>`;
      return `<g id="${escapeXml(item.id)}" ctype="${escapeXml(item.ctype)}">${inlineXml(item.children)}</g>`;
    })
    .join('');

/** Compares two contents as a translator would: same words, same tags in the same places. */
export const sameContent = (a: Inline[], b: Inline[]) => inlineXml(a).replace(/\s+/g, ' ').trim() === inlineXml(b).replace(/\s+/g, ' ').trim();

/** A tag of the file that this project does not write (bx, ex, ph, bpt, ept, mrk…). */
export class UnsupportedTag extends Error {}

/**
 * The `xliff` package's reading of a source or target (a string, or an array of strings and
 * `{ GenericSpan }` / `{ Standalone }` objects) as inline content.
 */
export const inlineFromXliffJs = (value: unknown): Inline[] => {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return inlineFromXliffJs([value]);
  return mergeStrings(
    value.map((item: any): Inline => {
      if (typeof item === 'string') return item;
      if (item?.GenericSpan) return { kind: 'g', id: String(item.GenericSpan.id ?? ''), ctype: String(item.GenericSpan.ctype ?? ''), children: inlineFromXliffJs(item.GenericSpan.contents) };
      if (item?.Standalone) return { kind: 'x', id: String(item.Standalone.id ?? ''), ctype: String(item.Standalone.ctype ?? '') };
      const [name] = Object.keys(item ?? {});
      throw new UnsupportedTag(`<${name ?? 'unknown'}> (only <g> and <x/> are used here)`);
    }),
  );
};

const codesIn = (content: Inline[]): InlineCode[] => content.flatMap((item) => (typeof item === 'string' ? [] : item.kind === 'g' ? [item, ...codesIn(item.children)] : [item]));

/**
 * What is wrong with the tags of a target against its source: a tag dropped, duplicated or not in
 * the source, and a link put inside another link. Empty when the target can be rebuilt.
 */
export const tagProblems = (target: Inline[], codes: Map<string, CodeMeaning>): string[] => {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const code of codesIn(target)) {
    const meaning = codes.get(code.id);
    if (!meaning || meaning.tag !== code.kind) problems.push(`<${code.kind} id="${code.id}"> is not in the source`);
    else seen.set(code.id, (seen.get(code.id) ?? 0) + 1);
  }
  for (const [id, meaning] of codes) {
    const count = seen.get(id) ?? 0;
    if (count === 0) problems.push(`${describeCode(id, meaning)} is missing`);
    if (count > 1) problems.push(`${describeCode(id, meaning)} appears ${count} times`);
  }
  const nestedLink = (content: Inline[], inLink: boolean): boolean =>
    content.some((item) => {
      if (typeof item === 'string' || item.kind !== 'g') return false;
      const isLink = 'url' in (codes.get(item.id) ?? {});
      return (isLink && inLink) || nestedLink(item.children, inLink || isLink);
    });
  if (problems.length === 0 && nestedLink(target, false)) problems.push('a link is inside another link');
  return problems;
};

type TextNode = { type: 'text'; text: string } & Partial<Record<Mark, true>>;
type LinkNode = { type: 'link'; url: string; children: TextNode[] };

/**
 * Strapi Blocks inline nodes for a target whose tags passed `tagProblems`: marks and links come
 * from what each code id means in the source.
 */
export const nodesFromInline = (target: Inline[], codes: Map<string, CodeMeaning>): Array<TextNode | LinkNode> => {
  const nodes: Array<TextNode | LinkNode> = [];
  const textNode = (text: string, marks: Mark[]): TextNode => ({ type: 'text', text, ...Object.fromEntries(marks.map((mark) => [mark, true])) });
  const sameMarks = (node: TextNode, marks: Mark[]) => MARKS.every((mark) => (node[mark] === true) === marks.includes(mark));
  const append = (list: TextNode[], text: string, marks: Mark[]) => {
    const last = list[list.length - 1];
    if (last && sameMarks(last, marks)) last.text += text;
    else list.push(textNode(text, marks));
  };
  const walk = (content: Inline[], marks: Mark[], link: LinkNode | undefined) => {
    for (const item of content) {
      if (typeof item === 'string' || item.kind === 'x') {
        const text = typeof item === 'string' ? item : '\n';
        if (link) append(link.children, text, marks);
        else {
          const last = nodes[nodes.length - 1];
          if (last && last.type === 'text' && sameMarks(last, marks)) last.text += text;
          else nodes.push(textNode(text, marks));
        }
        continue;
      }
      const meaning = codes.get(item.id);
      if (meaning && 'url' in meaning) {
        const node: LinkNode = { type: 'link', url: meaning.url, children: [] };
        walk(item.children, marks, node);
        if (node.children.length === 0) node.children.push(textNode('', []));
        nodes.push(node);
      } else {
        walk(item.children, meaning && 'mark' in meaning ? [...new Set([...marks, meaning.mark])] : marks, link);
      }
    }
  };
  walk(target, [], undefined);
  // The editor needs a text node at each end of a block, and between two links.
  if (nodes.length === 0 || nodes[0].type === 'link') nodes.unshift(textNode('', []));
  if (nodes[nodes.length - 1].type === 'link') nodes.push(textNode('', []));
  return nodes;
};

/**
 * A translation's own formatting written with the source's code ids, so that a CAT tool can
 * compare it with the source: each of its codes takes the id of an unused source code meaning the
 * same (a link the same URL, else any link). Codes without a partner are left out, keeping
 * their text; `complete` says whether that happened.
 */
export const alignToSource = (translation: Segment, source: Segment): { content: Inline[]; complete: boolean } => {
  const unused = new Map(source.codes);
  let complete = true;
  const take = (meaning: CodeMeaning | undefined) => {
    if (!meaning) return undefined;
    const entries = [...unused.entries()];
    const match =
      entries.find(([, candidate]) => JSON.stringify(candidate) === JSON.stringify(meaning)) ??
      ('url' in meaning ? entries.find(([, candidate]) => 'url' in candidate) : undefined);
    if (match) unused.delete(match[0]);
    return match;
  };
  const walk = (content: Inline[]): Inline[] =>
    mergeStrings(
      content.flatMap((item): Inline[] => {
        if (typeof item === 'string') return [item];
        const match = take(translation.codes.get(item.id));
        if (!match) {
          complete = false;
          return item.kind === 'g' ? walk(item.children) : [inlineText([item])];
        }
        return [item.kind === 'g' ? { ...item, id: match[0], children: walk(item.children) } : { ...item, id: match[0] }];
      }),
    );
  const content = walk(translation.content);
  return { content, complete: complete && unused.size === 0 };
};
