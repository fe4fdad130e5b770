/**
 * What a CAT tool does with our XLIFF 1.2 file: writes a <target> for every <trans-unit> from
 * its <source>, replacing any target already there, and nothing else.
 */
export const fillXliffTargets = (xliff: string, translate: (source: string) => string): string =>
  xliff.replace(/<trans-unit\b([^>]*)>([\s\S]*?)<\/trans-unit>/g, (_unit, attributes: string, body: string) => {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body);
    if (!source) return _unit;
    const withoutTarget = body.replace(/\s*<target\b[^>]*>[\s\S]*?<\/target>|\s*<target\b[^>]*\/>/, '');
    const target = `<target>${translate(source[1])}</target>`;
    return `<trans-unit${attributes}>${withoutTarget.replace(source[0], `${source[0]}${target}`)}</trans-unit>`;
  });
