import type { Populate } from './page-types';

/**
 * The site's only way to the content: the CMS's public REST API over HTTP (and, for previews,
 * the CMS's preview endpoint with the site's preview credential). No database, no Strapi code.
 */
export type Entry = Record<string, any> & { documentId: string; locale: string };
export type CmsLocale = { code: string; name: string; isDefault: boolean };
export type PreviewContent = { data: Entry | null; english: Entry | null };

export class CmsError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Query = Record<string, unknown>;

/** Strapi's bracket notation (`populate[city][populate][themes]=true`) without a dependency. */
export const queryString = (query: Query): string => {
  const pairs: string[] = [];
  const add = (prefix: string, value: unknown) => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Query)) add(`${prefix}[${key}]`, inner);
    } else pairs.push(`${encodeURIComponent(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(value))}`);
  };
  for (const [key, value] of Object.entries(query)) add(key, value);
  return pairs.join('&');
};

export const createCmsClient = ({ cmsUrl, previewToken, timeoutMs = 5000 }: { cmsUrl: string; previewToken?: string; timeoutMs?: number }) => {
  const base = cmsUrl.replace(/\/+$/, '');

  const getJson = async (path: string, headers: Record<string, string> = {}) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { headers: { Accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new CmsError(`The CMS could not be reached: ${(error as Error).message}`, 503);
    }
    const body = (await response.json().catch(() => undefined)) as any;
    if (!response.ok) throw new CmsError(body?.error?.message ?? `The CMS answered ${response.status}`, response.status);
    return body;
  };

  const api = (path: string, query: Query = {}) => getJson(`/api/${path}${Object.keys(query).length ? `?${queryString(query)}` : ''}`);

  return {
    /** Entries of a collection in `locale`, English where a document has no version in it. */
    async find(apiPath: string, locale: string, query: Query = {}): Promise<{ data: Entry[]; pageCount: number }> {
      const body = await api(apiPath, { locale, ...(locale === 'en' ? {} : { fallbackLocale: 'en' }), ...query });
      return { data: body.data, pageCount: body.meta?.pagination?.pageCount ?? 1 };
    },

    /** One document by slug, or undefined. */
    async findBySlug(apiPath: string, locale: string, slug: string, populate: Populate): Promise<Entry | undefined> {
      const { data } = await this.find(apiPath, locale, { filters: { slug: { $eq: slug } }, populate });
      return data[0];
    },

    /** A single type, or undefined while it is not published. */
    async findSingle(apiPath: string, locale: string, populate: Populate): Promise<Entry | undefined> {
      try {
        const body = await api(apiPath, { locale, ...(locale === 'en' ? {} : { fallbackLocale: 'en' }), populate });
        return body.data ?? undefined;
      } catch (error) {
        if (error instanceof CmsError && error.status === 404) return undefined;
        throw error;
      }
    },

    async locales(): Promise<CmsLocale[]> {
      return (await api('locales')).data;
    },

    /** A draft (or published) version through the CMS's preview endpoint: the signed link's parameters plus the site's credential. */
    async preview(link: URLSearchParams): Promise<PreviewContent> {
      if (!previewToken) throw new CmsError('Preview is not configured on this site (PREVIEW_TOKEN)', 503);
      const body = await getJson(`/preview/content?${link.toString()}`, { Authorization: `Bearer ${previewToken}` });
      return { data: body.data ?? null, english: body.meta?.english ?? null };
    },
  };
};

export type CmsClient = ReturnType<typeof createCmsClient>;
