import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
type Permission = { action: string; subject: string | null; properties: unknown; conditions: string[] };

/**
 * An admin's permission ability is built once and kept (src/admin-sign-in/ability-cache.ts); a
 * change to their permissions, roles or account must still apply on the very next request.
 */
describe('admin abilities kept between requests', () => {
  const app = useApp();
  const permissionService = () => app().strapi.service('admin::permission') as any;
  const roleId = async (code: string) => (await app().strapi.db.query('admin::role').findOne({ where: { code } })).id as number;
  const rolePermissions = async (code: string): Promise<Permission[]> =>
    (await permissionService().findMany({ where: { role: { id: await roleId(code) } } })).map(({ action, subject, properties, conditions }: Permission) => ({ action, subject, properties, conditions }));
  const assign = async (code: string, permissions: Permission[]) => app().strapi.service('admin::role').assignPermissions(await roleId(code), permissions);

  it("builds an editor's ability once for repeated requests", async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const build = jest.spyOn(permissionService().engine, 'generateTokenAbility');
    try {
      for (let i = 0; i < 5; i += 1) expect((await app().http().get('/admin/users/me').set(editor.headers)).status).toBe(200);
      expect(build.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      build.mockRestore();
    }
  });

  it('a permission taken from the role is refused on the next request, and given back is allowed again', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const cities = () => app().http().get(`/content-manager/collection-types/${CITY}?page=1&pageSize=1`).set(editor.headers);
    const granted = await rolePermissions('international-relations-editor');
    const readsCities = (permission: Permission) => permission.action === 'plugin::content-manager.explorer.read' && permission.subject === CITY;
    expect(granted.filter(readsCities)).toHaveLength(1);
    expect((await cities()).status).toBe(200);
    try {
      await assign('international-relations-editor', granted.filter((permission) => !readsCities(permission)));
      expect((await cities()).status).toBe(403);
    } finally {
      await assign('international-relations-editor', granted);
    }
    expect((await cities()).status).toBe(200);
  });

  it("a user moved to another role has that role's rights on the next request, and a deactivated one none", async () => {
    await adminLogin(app(), 'strapi-super-admin'); // Strapi refuses to demote the last super admin
    const person = await adminLogin(app(), 'translator-fr');
    const { id } = await app().strapi.db.query('admin::user').findOne({ where: { email: person.email } });
    // Settings → Roles needs admin::roles.read, which super admins have and translators do not.
    const roles = () => app().http().get('/admin/roles').set(person.headers);
    const moveTo = async (code: string) => app().strapi.service('admin::user').updateById(id, { roles: [await roleId(code)] });
    expect((await roles()).status).toBe(403);
    await moveTo('strapi-super-admin');
    expect((await roles()).status).toBe(200);
    await moveTo('translator-fr');
    expect((await roles()).status).toBe(403);
    await moveTo('strapi-super-admin');
    await app().strapi.service('admin::user').updateById(id, { isActive: false });
    expect((await roles()).status).toBe(401);
  });
});
