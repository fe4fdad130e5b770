import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

const project = (source: string, target: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>${source.toUpperCase()}</source_lang>
    <target_lang>${target.toUpperCase()}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`;

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Translates an XLIFF file with OmegaT (Debian's `omegat`, console mode), as a translator would:
 * OmegaT reads the file with its own XLIFF filter and shows each unit as a segment whose inline
 * codes are its protected tags (`<g0>…</g0>`, `<x3/>`); `translate` gets that segment text and
 * returns the translation (tags may move); OmegaT then writes the translated file.
 */
export const translateWithOmegat = async (xliff: string, { source, target }: { source: string; target: string }, translate: (segment: string) => string) => {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pcms-omegat-'));
  try {
    for (const sub of ['source', 'target', 'tm', 'omegat', 'glossary', 'dictionary']) await fs.promises.mkdir(path.join(dir, sub));
    await fs.promises.writeFile(path.join(dir, 'omegat.project'), project(source, target));
    await fs.promises.writeFile(path.join(dir, 'source', 'file.xlf'), xliff);
    // Every segment with its source as translation: the project memory OmegaT would hold.
    const memory = path.join(dir, 'pseudo.tmx');
    await run('omegat', [dir, '--mode=console-createpseudotranslatetmx', `--pseudotranslatetmx=${memory}`, '--pseudotranslatetype=equal'], { timeout: 120_000 });
    const tmx = await fs.promises.readFile(memory, 'utf8');
    const segments: string[] = [];
    const translated = tmx.replace(
      new RegExp(`(<tuv lang="${target.toUpperCase()}">\\s*<seg>)([\\s\\S]*?)(</seg>)`, 'g'),
      (_match, open: string, segment: string, close: string) => {
        segments.push(unescapeXml(segment));
        return `${open}${escapeXml(translate(unescapeXml(segment)))}${close}`;
      },
    );
    await fs.promises.writeFile(path.join(dir, 'omegat', 'project_save.tmx'), translated);
    await run('omegat', [dir, '--mode=console-translate'], { timeout: 120_000 });
    return { xliff: await fs.promises.readFile(path.join(dir, 'target', 'file.xlf'), 'utf8'), segments };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
};
