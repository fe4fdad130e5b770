import fc from 'fast-check';
import { DocumentRowsMemo, staleDocuments } from '../../src/translations/rows-memo';
import { fuzzOptions } from '../helpers/fuzz';

describe('staleDocuments: what an invalidation means for one type', () => {
  it('names the documents of a change of that type', () => {
    expect(staleDocuments({ tags: ['d:abc', 'l:city', 't:city', 'g'] }, 'l:city')).toEqual(new Set(['abc']));
  });

  it('ignores changes of other types', () => {
    expect(staleDocuments({ tags: ['d:abc', 'l:project', 't:project', 'g'] }, 'l:city')).toBeUndefined();
  });

  it('means everything for a clear, a type-wide change or an unreadable (hashed) document tag', () => {
    expect(staleDocuments({ tags: 'all' }, 'l:city')).toBe('all');
    expect(staleDocuments({ tags: ['l:city', 't:city', 'g'] }, 'l:city')).toBe('all');
    expect(staleDocuments({ tags: ['d:abc', 'h:Zm9vYmFy', 'l:city'] }, 'l:city')).toBe('all');
  });
});

type Row = { documentId: string; order: number; text: string };

/**
 * A database of rows whose loads answer after a delay of the test's choosing, changes that tell
 * the memo only after they are applied (as after COMMIT), and reads that may overlap loads and
 * changes. Every read must return the rows as they were at some moment between the read's start
 * and its end, never older than the last change invalidated before it began.
 */
describe('DocumentRowsMemo against the database it keeps', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('returns, for every read, a state of the database no older than the read', async () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), document: fc.integer({ min: 0, max: 5 }), text: fc.string({ maxLength: 3 }), order: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('delete' as const), document: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('clear' as const) }),
      fc.record({ kind: fc.constant('read' as const), delay: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('tick' as const) }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), async (operations, loadDelays) => {
        const database = new Map<string, Row>();
        const states: string[] = [];
        const snapshot = () => JSON.stringify([...database.values()].sort((a, b) => a.order - b.order || a.documentId.localeCompare(b.documentId)));
        const record = () => states.push(snapshot());
        record();
        let loads = 0;
        const memo = new DocumentRowsMemo<Row>(
          async (documentIds) => {
            // Read at once (a query's snapshot), answered some ticks later.
            const rows = new Map([...database].filter(([documentId]) => !documentIds || documentIds.includes(documentId)).map(([documentId, row]) => [documentId, { ...row }]));
            for (let tick = 0; tick < loadDelays[loads++ % loadDelays.length]; tick += 1) await settle();
            return rows;
          },
          (a, b) => a.order - b.order || a.documentId.localeCompare(b.documentId),
        );
        const reads: Array<Promise<void>> = [];
        for (const step of operations) {
          if (step.kind === 'set') {
            database.set(`doc${step.document}`, { documentId: `doc${step.document}`, order: step.order, text: step.text });
            record();
            memo.invalidate(new Set([`doc${step.document}`]));
          } else if (step.kind === 'delete') {
            database.delete(`doc${step.document}`);
            record();
            memo.invalidate(new Set([`doc${step.document}`]));
          } else if (step.kind === 'clear') {
            memo.invalidate('all');
          } else if (step.kind === 'tick') {
            await settle();
          } else {
            const oldest = states.length - 1;
            reads.push(
              (async () => {
                for (let tick = 0; tick < step.delay; tick += 1) await settle();
                const served = JSON.stringify(await memo.read());
                const newest = states.length - 1;
                const matching = states.slice(oldest, newest + 1);
                expect({ served, among: matching.includes(served) }).toEqual({ served, among: true });
              })(),
            );
          }
        }
        await Promise.all(reads);
        // Once quiet, the memo holds exactly the database.
        expect(JSON.stringify(await memo.read())).toBe(snapshot());
      }),
      fuzzOptions('rows-memo', 300),
    );
  });

  it('loads only the documents named stale after the first load', async () => {
    const calls: Array<string[] | undefined> = [];
    const database = new Map([['a', { documentId: 'a', order: 1, text: 'x' }], ['b', { documentId: 'b', order: 2, text: 'y' }]]);
    const memo = new DocumentRowsMemo<Row>(async (documentIds) => {
      calls.push(documentIds);
      return new Map([...database].filter(([documentId]) => !documentIds || documentIds.includes(documentId)));
    }, (a, b) => a.order - b.order);
    await memo.read();
    await memo.read();
    database.set('b', { documentId: 'b', order: 2, text: 'z' });
    memo.invalidate(new Set(['b']));
    expect((await memo.read()).map((row) => row.text)).toEqual(['x', 'z']);
    expect(calls).toEqual([undefined, ['b']]);
  });

  it('keeps what was stale when a load fails, and tells the reader', async () => {
    let fail = false;
    let text = 'x';
    const memo = new DocumentRowsMemo<Row>(async () => {
      if (fail) throw new Error('connection lost');
      return new Map([['a', { documentId: 'a', order: 1, text }]]);
    }, (a, b) => a.order - b.order);
    await memo.read();
    text = 'y';
    memo.invalidate(new Set(['a']));
    fail = true;
    await expect(memo.read()).rejects.toThrow('connection lost');
    fail = false;
    expect((await memo.read()).map((row) => row.text)).toEqual(['y']);
  });
});
