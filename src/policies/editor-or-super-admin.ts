import { errors } from '@strapi/utils';
import { isEditorOrSuperAdmin } from '../domain/roles';

export type EditorPolicyConfig = { to?: string };

/**
 * global::editor-or-super-admin — a route policy (after admin::isAuthenticatedAdmin): only
 * International Relations Editors and super admins pass. `config.to` says what for, in the refusal.
 */
export default (policyContext: { state: { user?: { roles?: Array<{ code: string }> } } }, config: EditorPolicyConfig = {}) => {
  if (isEditorOrSuperAdmin((policyContext.state.user?.roles ?? []).map((role) => role.code))) return true;
  throw new errors.PolicyError(`Only editors and super admins may ${config.to ?? 'do this'}`, { policy: 'editor-or-super-admin', code: 'editors-only' });
};
