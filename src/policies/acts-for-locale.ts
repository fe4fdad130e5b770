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
  const user = policyContext.state.user;
  const translatorOf = await translatorLocalesOf(strapi, user);
  const allowed = translatorOf ? translatorOf.includes(locale) : isEditorOrSuperAdmin((user?.roles ?? []).map((role) => role.code));
  if (allowed) return true;
  throw new errors.PolicyError(`Only editors and the ${locale} translators may ${(config.to ?? 'do this').replace('{locale}', locale)}`, { policy: 'acts-for-locale', locale });
};
