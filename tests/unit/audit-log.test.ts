import { actorOf } from '../../src/audit/actor';
import { changedFieldNames } from '../../src/audit/changed-fields';
import { auditLogInput, auditLogWhere } from '../../src/audit/query';
import { mergeRequestInput, validateInput } from '../../src/admin-routes/input';
import { retentionCutoff } from '../../src/database/daily-pruning';
import { auditLogEntryResponse } from '../../src/audit/response';

const ATTRIBUTES = {
  name: { type: 'string' },
  population: { type: 'integer' },
  partnerships: { type: 'relation' },
  image: { type: 'media' },
  organisations: { type: 'component', repeatable: true },
  updatedAt: { type: 'datetime' },
  locale: { type: 'string' },
};

describe('changedFieldNames', () => {
  const version = (overrides: Record<string, unknown> = {}) => ({
    id: 1,
    name: 'Lille',
    population: 236_000,
    partnerships: [{ id: 7, documentId: 'p1' }],
    image: { id: 3 },
    organisations: [{ id: 10, name: 'MEL' }],
    updatedAt: new Date('2026-01-01'),
    locale: 'en',
    ...overrides,
  });

  it('lists only the fields whose values differ', () => {
    expect(changedFieldNames(ATTRIBUTES, version(), version({ population: 240_000, updatedAt: new Date() }))).toEqual(['population']);
  });

  it('compares relations by documentId and components without their row ids', () => {
    const after = version({ id: 2, partnerships: [{ id: 99, documentId: 'p1' }], organisations: [{ id: 11, name: 'MEL' }] });
    expect(changedFieldNames(ATTRIBUTES, version(), after)).toEqual([]);
    expect(changedFieldNames(ATTRIBUTES, version(), version({ partnerships: [{ id: 8, documentId: 'p2' }], image: null }))).toEqual(['partnerships', 'image']);
    expect(changedFieldNames(ATTRIBUTES, version(), version({ organisations: [{ id: 10, name: 'Ville de Lille' }] }))).toEqual(['organisations']);
  });

  it('lists the non-empty fields of a new version and nothing for a removed one', () => {
    expect(changedFieldNames(ATTRIBUTES, null, version({ image: null, organisations: [] }))).toEqual(['name', 'population', 'partnerships']);
    expect(changedFieldNames(ATTRIBUTES, version(), null)).toEqual([]);
  });

  it('treats empty string, null and an empty list alike', () => {
    expect(changedFieldNames(ATTRIBUTES, version({ name: '' , partnerships: [] }), version({ name: null, partnerships: null }))).toEqual([]);
  });
});

/** The audit log's query string as its route reads it: merged, validated, then turned into a where clause. */
const auditLogQuery = async (query: Record<string, unknown>) => {
  const input = await validateInput(auditLogInput, mergeRequestInput({ query }));
  return { where: auditLogWhere(input), page: input.page, pageSize: input.pageSize };
};

describe('auditLogQuery', () => {
  it('turns filters into a where clause, newest first with defaults', async () => {
    expect(await auditLogQuery({})).toEqual({ where: {}, page: 1, pageSize: 25 });
    const { where } = await auditLogQuery({ user: 'anne@leeds', type: 'city', documentId: 'abc', from: '2026-01-01', to: '2026-01-31' });
    expect(where).toEqual({
      $and: [
        { $or: [{ actorEmail: { $containsi: 'anne@leeds' } }, { actorName: { $containsi: 'anne@leeds' } }] },
        { targetUid: 'api::city.city' },
        { targetDocumentId: 'abc' },
        { occurredAt: { $gte: new Date('2026-01-01T00:00:00.000Z') } },
        { occurredAt: { $lte: new Date('2026-01-31T23:59:59.999Z') } },
      ],
    });
    expect((await auditLogQuery({ user: '12', type: 'api::project.project' })).where).toEqual({ $and: [{ actorId: '12' }, { targetUid: 'api::project.project' }] });
  });

  it('refuses malformed filters, naming the parameter', async () => {
    await expect(auditLogQuery({ from: 'last week' })).rejects.toThrow(/^from: /);
    await expect(auditLogQuery({ from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(/^from: must not be after to/);
    await expect(auditLogQuery({ page: '0' })).rejects.toThrow(/^page: /);
    await expect(auditLogQuery({ pageSize: '101' })).rejects.toThrow(/^pageSize: /);
    await expect(auditLogQuery({ user: ['a', 'b'] })).rejects.toThrow(/^user: /);
    await expect(auditLogQuery({ page: '0x10' })).rejects.toThrow(/^page: /);
  });
});

describe('retentionCutoff', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('keeps everything by default', () => {
    expect(retentionCutoff(0, now)).toBeNull();
  });
  it('prunes before now minus the retention days', () => {
    expect(retentionCutoff(30, now)).toEqual(new Date('2026-10-29T12:00:00Z'));
  });
});

describe('actorOf', () => {
  it('names admins, API tokens and code without a request', () => {
    const admin = { state: { auth: { strategy: { name: 'admin' } }, user: { id: 4, firstname: 'Anne', lastname: 'Editor', email: 'anne@leeds.example' } } };
    expect(actorOf(admin)).toEqual({ actorType: 'admin', actorId: '4', actorName: 'Anne Editor', actorEmail: 'anne@leeds.example' });
    const token = { state: { auth: { strategy: { name: 'content-api-token' }, credentials: { id: 9, name: 'importer' } } } };
    expect(actorOf(token)).toEqual({ actorType: 'api-token', actorId: '9', actorName: 'importer', actorEmail: null });
    expect(actorOf(undefined)).toEqual({ actorType: 'system', actorId: null, actorName: 'system', actorEmail: null });
  });
});

describe('auditLogEntryResponse', () => {
  it("answers in the design card's shape: at, user, action, uid, documentId, locale", () => {
    const stored = {
      id: 12,
      occurredAt: new Date('2026-11-29T10:15:00.123Z'),
      action: 'publish',
      targetUid: 'api::city.city',
      targetDocumentId: 'abc123',
      targetLabel: 'Lille',
      locale: 'fr',
      changedFields: ['summary'],
      actorType: 'admin' as const,
      actorId: '3',
      actorName: 'Erin Editor',
      actorEmail: 'erin@leeds.example',
    };
    expect(auditLogEntryResponse(stored)).toEqual({
      id: 12,
      at: '2026-11-29T10:15:00.123Z',
      user: { type: 'admin', id: '3', name: 'Erin Editor', email: 'erin@leeds.example' },
      action: 'publish',
      uid: 'api::city.city',
      documentId: 'abc123',
      label: 'Lille',
      locale: 'fr',
      changedFields: ['summary'],
      note: null,
    });
  });
});
