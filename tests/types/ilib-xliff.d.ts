/** The part of ilib-xliff (no types of its own) the interoperability tests use. */
declare module 'ilib-xliff' {
  export type TranslationUnit = { id: string; file: string; source: string; target?: string; sourceLocale: string; targetLocale: string };
  export class Xliff {
    constructor(options: { version: string });
    deserialize(xml: string): void;
    serialize(): string;
    getTranslationUnits(): TranslationUnit[];
    addTranslationUnits(units: TranslationUnit[]): void;
  }
}
