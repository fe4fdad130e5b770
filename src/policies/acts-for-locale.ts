import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isEditorOrSuperAdmin } from '../domain/roles';
import { translatorLocalesOf } from '../translations/translator-rules';

/** `to` says what for in the refusal; `{locale}` in it is replaced by the locale. */
export type LocalePolicyConfig = { to?: string };

type PolicyContext = { state: { user?: { id: number; roles?: Array<{ code: string }> } }; request?: { query?: Record<string, unknown>; body?: any } };

/**
 * global::acts-for-locale — a route policy (after admin::isAuthenticatedAdmin) for routes that
 * change one locale, named by `?locale=` or the body's `locale`: editors and super admins pass,
 * translators only for their own locale, other admins not at all. A missing or malformed locale
 * passes on to the route, which answers 400 saying which locales it takes.
 */
export default async (policyContext: PolicyContext, config: LocalePolicyConfig = {}, { strapi }: { strapi: Core.Strapi }) => {
  // The request's own query: the policy context copies only ctx's own properties, not its getters.
  const locale = policyContext.request?.query?.locale ?? policyContext.request?.body?.locale;
  if (typeof locale !== 'string') return true;
  await assertActsForLocale(strapi, policyContext.state.user, locale, config.to);
  return true;
};

/** The same rule for a locale a route learns only from what it reads (an XLIFF file's target-language). */
export const assertActsForLocale = async (strapi: Core.Strapi, user: PolicyContext['state']['user'], locale: string, to = 'do this') => {
  const translatorOf = await translatorLocalesOf(strapi, user);
  const allowed = translatorOf ? translatorOf.includes(locale) : isEditorOrSuperAdmin((user?.roles ?? []).map((role) => role.code));
  if (!allowed) throw new errors.PolicyError(`Only editors and the ${locale} translators may ${to.replace('{locale}', locale)}`, { policy: 'acts-for-locale', code: 'locale-forbidden', locale });
};
