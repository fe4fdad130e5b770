import { czechStem, escapeHtml, hanBigrams, indexableText, localSnippet, markedSnippet, MATCH_END, MATCH_START, searchableQuery } from '../../src/search/text';

describe('search text preparation', () => {
  it('stems Czech inflections to one stem', () => {
    const stems = (words: string[]) => new Set(words.map(czechStem));
    expect(stems(['Brno', 'Brna', 'Brnu', 'Brnem', 'Brně'])).toEqual(new Set(['brn']));
    expect(stems(['partnerství', 'partnerstvím', 'partnerstvích']).size).toBe(1);
    expect(stems(['radnice', 'radnici', 'radnicí', 'radnicemi']).size).toBe(1);
    expect(stems(['město', 'města', 'městem']).size).toBe(1);
    expect(czechStem('Leeds')).toBe('leeds');
  });

  it('cuts Chinese into overlapping character pairs, in the index and in the query alike', () => {
    expect(hanBigrams('利兹与杭州').trim().split(/\s+/)).toEqual(['利兹', '兹与', '与杭', '杭州']);
    expect(indexableText('zh-Hans', '杭州市 (Hangzhou)')).toContain('杭州 州市');
    expect(searchableQuery('zh-Hans', '杭州').trim()).toBe('杭州');
    expect(searchableQuery('zh-Hans', '杭').trim()).toBe('杭');
    expect(indexableText('en', 'Twinning')).toBe('Twinning');
  });

  it('escapes every character of a snippet but the marks', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(markedSnippet(`<b>${MATCH_START}Lille${MATCH_END}</b> & co`)).toBe('&lt;b&gt;<mark>Lille</mark>&lt;/b&gt; &amp; co');
  });

  it('marks Czech inflected forms and Chinese pairs in snippets made here', () => {
    expect(localSnippet('cs', 'Spolupráce <b>s Brnem</b> je silná; Brno je partner.', 'brno')).toBe('Spolupráce &lt;b&gt;s <mark>Brnem</mark>&lt;/b&gt; je silná; <mark>Brno</mark> je partner.');
    expect(localSnippet('zh-Hans', '利兹与杭州于1988年建立友好关系。', '杭州')).toBe('利兹与<mark>杭州</mark>于1988年建立友好关系。');
    const long = `${'slovo '.repeat(80)}Brnem ${'slovo '.repeat(80)}`;
    const snippet = localSnippet('cs', long, 'Brno', 100);
    expect(snippet).toMatch(/^….*<mark>Brnem<\/mark>.*…$/);
    expect(snippet.length).toBeLessThan(130);
  });

  it('keeps snippets balanced when old content holds the match markers themselves', () => {
    // Saved before control characters were refused: U+0001 and U+0002 are the snippet's own markers.
    const snippet = localSnippet('en', 'Leeds \u0001 twinned \u0002 with Lille \u0001 in 1967', 'Lille', 200);
    expect(snippet.match(/<mark>/g)).toHaveLength(1);
    expect(snippet.match(/<\/mark>/g)).toHaveLength(1);
    expect(snippet).toContain('<mark>Lille</mark>');
    expect(snippet).not.toMatch(/[\u0001\u0002]/);
  });
});
