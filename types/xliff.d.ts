/** The parts of the `xliff` package (no published types) this project uses. */
declare module 'xliff' {
  export type XliffJs = {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, { source?: string; target?: string; note?: string }>>;
  };
  export function xliff12ToJs(xml: string): Promise<XliffJs>;
  export function jsToXliff12(js: XliffJs): Promise<string>;
}
