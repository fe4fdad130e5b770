import crypto from 'crypto';
import type { TestApp } from './strapi';

/** Request helpers for the three kinds of caller: the public, an API token, an admin user. */

export const publicGet = (app: TestApp, path: string) => app.http().get(path);

export const createApiToken = async (app: TestApp, type: 'read-only' | 'full-access' | 'custom', permissions?: string[]) => {
  const token = await app.strapi.service('admin::api-token').create({
    name: `test-${type}-${crypto.randomBytes(3).toString('hex')}`,
    kind: 'content-api',
    type,
    lifespan: null,
    ...(permissions ? { permissions } : {}),
  });
  return token.accessKey as string;
};

export const withToken = (accessKey: string) => ({ Authorization: `Bearer ${accessKey}` });

const ADMIN_PASSWORD = 'Test-Password-123';

/** Creates an active admin with the given role code and returns a logged-in JWT. */
export const adminLogin = async (app: TestApp, roleCode = 'strapi-super-admin') => {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  if (!role) throw new Error(`no admin role ${roleCode}`);
  const email = `admin-${crypto.randomBytes(4).toString('hex')}@leeds.example`;
  await app.strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: roleCode,
    password: ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const response = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { email, token: response.body.data.token as string, headers: { Authorization: `Bearer ${response.body.data.token}` } };
};
