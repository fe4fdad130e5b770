import type { Invalidation } from '../http-cache/response-cache';

/** Which of a memo's rows a change invalidated: some documents, or all of them. */
export type Stale = ReadonlySet<string> | 'all';

const DOCUMENT_TAG = 'd:';

/**
 * What one invalidation (src/http-cache/tags.ts) means for the rows of the type whose list tag is
 * `listTag`: nothing (another type changed), the documents it names, or everything (a clear, a
 * type-wide change, or a document tag too long to have been kept readable).
 */
export const staleDocuments = (invalidation: Pick<Invalidation, 'tags'>, listTag: string): Stale | undefined => {
  if (invalidation.tags === 'all') return 'all';
  if (!invalidation.tags.includes(listTag)) return undefined;
  const documents = invalidation.tags.filter((tag) => tag.startsWith(DOCUMENT_TAG)).map((tag) => tag.slice(DOCUMENT_TAG.length));
  const unreadable = invalidation.tags.some((tag) => tag.startsWith('h:'));
  return documents.length === 0 || unreadable ? 'all' : new Set(documents);
};

type Refresh = { started: number; done: Promise<void> };

/**
 * Rows by document, loaded once and then kept up to date document by document: a change marks its
 * documents stale (`invalidate`, called after COMMIT), and the next read reloads only those. A read
 * returns rows that include every change invalidated before it began: it waits for the reload in
 * progress, if any, then reloads again if that one did not cover it. Under a stream of changes a
 * read still waits for two reloads at most: the one in progress and the first to start after it.
 */
export class DocumentRowsMemo<Row> {
  private rows: Map<string, Row> | undefined;
  private sorted: Row[] | undefined;
  private stale: Set<string> | 'all' = 'all';
  private refresh: Refresh | undefined;
  private clock = 0;

  constructor(
    /** Loads the rows of the given documents (all of them without `documentIds`); a document not returned no longer has one. */
    private readonly load: (documentIds?: string[]) => Promise<Map<string, Row>>,
    private readonly order: (a: Row, b: Row) => number,
  ) {}

  invalidate(documents: Stale) {
    if (documents === 'all' || this.stale === 'all') this.stale = 'all';
    else for (const documentId of documents) this.stale.add(documentId);
  }

  async read(): Promise<Row[]> {
    const began = this.clock;
    for (;;) {
      if (this.refresh) {
        const refresh = this.refresh;
        await refresh.done;
        if (refresh.started > began && this.rows) return this.current();
        continue;
      }
      if (this.stale !== 'all' && this.stale.size === 0 && this.rows) return this.current();
      this.refresh = this.startRefresh();
    }
  }

  private startRefresh(): Refresh {
    const stale = this.stale;
    this.stale = new Set();
    const refresh = { started: ++this.clock } as Refresh;
    refresh.done = (async () => {
      try {
        if (stale === 'all' || !this.rows) {
          this.rows = await this.load();
        } else {
          const ids = [...stale];
          const loaded = await this.load(ids);
          for (const documentId of ids) {
            const row = loaded.get(documentId);
            if (row === undefined) this.rows.delete(documentId);
            else this.rows.set(documentId, row);
          }
        }
        this.sorted = undefined;
      } catch (error) {
        // Nothing was applied: what was stale stays stale for the next read.
        this.invalidate(stale);
        throw error;
      } finally {
        if (this.refresh === refresh) this.refresh = undefined;
      }
    })();
    return refresh;
  }

  private current() {
    if (!this.sorted) this.sorted = [...this.rows!.values()].sort(this.order);
    return this.sorted;
  }
}
