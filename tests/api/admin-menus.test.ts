import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const AUDIT_LOG = 'api::audit-log.read';
const TRANSLATIONS = 'api::translations.read';
const SCHEDULED = 'api::scheduled-actions.read';

/** The permissions the panel's menu entries ask for (src/admin/app.tsx), as each role holds them. */
describe('menu permissions per role', () => {
  const app = useApp();

  const actionsOf = async (role?: string) => {
    const who = await adminLogin(app(), role);
    const response = await app().http().get('/admin/users/me/permissions').set(who.headers);
    expect(response.status).toBe(200);
    return new Set((response.body.data as Array<{ action: string }>).map((permission) => permission.action));
  };

  it('gives the Audit log to editors and super admins, the Translations and Scheduled pages to editors, translators and super admins', async () => {
    const editor = await actionsOf('international-relations-editor');
    expect([editor.has(AUDIT_LOG), editor.has(TRANSLATIONS), editor.has(SCHEDULED)]).toEqual([true, true, true]);
    const superAdmin = await actionsOf();
    expect([superAdmin.has(AUDIT_LOG), superAdmin.has(TRANSLATIONS), superAdmin.has(SCHEDULED)]).toEqual([true, true, true]);
    for (const locale of ['fr', 'de', 'cs', 'zh-Hans']) {
      const translator = await actionsOf(`translator-${locale}`);
      expect({ locale, audit: translator.has(AUDIT_LOG), translations: translator.has(TRANSLATIONS), scheduled: translator.has(SCHEDULED) }).toEqual({
        locale,
        audit: false,
        translations: true,
        scheduled: true,
      });
    }
  });

  it('lists the page permissions in Settings → Roles, under International relations', async () => {
    const superAdmin = await adminLogin(app());
    const response = await app().http().get('/admin/permissions').set(superAdmin.headers);
    expect(response.status).toBe(200);
    const settings = response.body.data.sections.settings as Array<{ action: string; category: string; displayName: string }>;
    expect(settings.filter((action) => action.category === 'International relations').map((action) => action.action).sort()).toEqual([AUDIT_LOG, SCHEDULED, TRANSLATIONS]);
  });

  it('gives the Content Manager to translators for the council types only', async () => {
    const translator = await adminLogin(app(), 'translator-fr');
    const response = await app().http().get('/content-manager/init').set(translator.headers);
    expect(response.status).toBe(200);
    const readable = await actionsOf('translator-fr');
    expect(readable.has('plugin::content-manager.explorer.read')).toBe(true);
    const permissions = (await app().http().get('/admin/users/me/permissions').set(translator.headers)).body.data as Array<{ action: string; subject: string | null }>;
    const subjects = new Set(permissions.filter((permission) => permission.action === 'plugin::content-manager.explorer.read').map((permission) => permission.subject));
    expect([...subjects].sort()).toEqual(['api::city.city', 'api::international-relations-page.international-relations-page', 'api::partnership.partnership', 'api::project.project', 'api::theme.theme']);
  });
});
