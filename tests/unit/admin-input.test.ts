import { z } from 'zod';
import { fields, mergeRequestInput, validateInput } from '../../src/admin-routes/input';

/** The one reading of an admin request: path, query and body merged, then checked by the route's schema. */
describe('admin route input', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return { message: (error as Error).message, code: (error as { details?: { code?: string } }).details?.code };
    }
    return undefined;
  };

  it('merges path, query and body when they agree, JSON types and query text alike', () => {
    expect(mergeRequestInput({ params: { id: '7' }, query: { locale: 'fr', dryRun: 'true' }, body: { locale: 'fr', dryRun: true } })).toEqual({ id: '7', locale: 'fr', dryRun: 'true' });
  });

  it('refuses a repeated key, a list or an object in the query, naming it', () => {
    expect(refusal(() => mergeRequestInput({ query: { locale: ['a', 'b'] } }))).toEqual({ message: 'locale: give it once, as plain text (it was sent more than once or as a list)', code: 'input-repeated' });
    expect(refusal(() => mergeRequestInput({ query: { locale: { x: 'fr' } } }))?.code).toBe('input-repeated');
  });

  it('refuses a query that contradicts the body, and a body that is not an object', () => {
    expect(refusal(() => mergeRequestInput({ query: { locale: 'fr' }, body: { locale: 'de' } }))).toEqual({ message: 'locale: the query says "fr" but the body says "de"; give it once', code: 'input-mismatch' });
    expect(refusal(() => mergeRequestInput({ query: { locale: 'cs' }, body: { locale: ['cs'] } }))?.code).toBe('input-mismatch');
    for (const body of [[1], 'text', 42, true]) expect(refusal(() => mergeRequestInput({ body }))?.code).toBe('input-body');
  });

  it('keeps a key named __proto__ a plain key: it never lends the input a locale', async () => {
    const body = JSON.parse('{"__proto__": {"locale": "cs"}}');
    const merged = mergeRequestInput({ body });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as { locale?: unknown }).locale).toBeUndefined();
    await expect(validateInput(z.object({ locale: z.string() }), merged)).rejects.toThrow(/^locale: /);
  });

  it('takes ids in decimal digits within the database range only, and text without control characters', async () => {
    const schema = z.object({ id: fields.id(), note: fields.text().optional() });
    expect(await validateInput(schema, { id: '16' })).toEqual({ id: 16 });
    for (const id of ['0x10', '16.0', '+16', '1e1', '0', '-1', '2147483648', ' 16', '']) await expect(validateInput(schema, { id })).rejects.toThrow(/^id: /);
    await expect(validateInput(schema, { id: '1', note: 'a\u0000b' })).rejects.toThrow(/^note: must not contain control characters/);
  });
});
