import crypto from 'crypto';

/** The people of the journeys, one per role that the panel is used with. */
export const PERSONAS = {
  superAdmin: { roleCode: 'strapi-super-admin', firstname: 'Sam', lastname: 'Admin' },
  editor: { roleCode: 'international-relations-editor', firstname: 'Erin', lastname: 'Editor' },
  translatorFr: { roleCode: 'translator-fr', firstname: 'Fleur', lastname: 'Translator' },
} as const;

export type Persona = keyof typeof PERSONAS;
export type Credentials = { email: string; password: string; firstname: string; lastname: string };
export type Users = Record<Persona, Credentials>;

const password = () => `E2e-${crypto.randomBytes(9).toString('base64url')}-9a`;

const call = async (baseUrl: string, method: string, path: string, body?: unknown, token?: string) => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: any = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};

/** New credentials for one of the personas; `suffix` keeps a run's addresses apart from another's. */
export const newCredentials = (persona: Persona, suffix = crypto.randomBytes(3).toString('hex')): Credentials => ({
  email: `${persona.toLowerCase()}-${suffix}@leeds.example`,
  password: password(),
  firstname: PERSONAS[persona].firstname,
  lastname: PERSONAS[persona].lastname,
});

/**
 * Creates the users the way people are created in production: the first super admin exists from
 * INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD (the server was started with them), signs in and
 * invites the others with a role, and each one accepts the invitation.
 */
export const createUsers = async (baseUrl: string, superAdmin: Credentials): Promise<Users> => {
  const suffix = crypto.randomBytes(3).toString('hex');
  const users = { superAdmin, editor: newCredentials('editor', suffix), translatorFr: newCredentials('translatorFr', suffix) };
  const token = await adminToken(baseUrl, superAdmin);
  const roles: Array<{ id: number; code: string }> = (await call(baseUrl, 'GET', '/admin/roles', undefined, token)).data;
  for (const persona of ['editor', 'translatorFr'] as const) {
    const role = roles.find((entry) => entry.code === PERSONAS[persona].roleCode);
    if (!role) throw new Error(`no admin role ${PERSONAS[persona].roleCode}`);
    const { email, firstname, lastname, password: chosen } = users[persona];
    const invited = await call(baseUrl, 'POST', '/admin/users', { email, firstname, lastname, roles: [role.id] }, token);
    await call(baseUrl, 'POST', '/admin/register', { registrationToken: invited.data.registrationToken, userInfo: { firstname, lastname, password: chosen } });
  }
  return users;
};

/** An admin JWT for API calls in test set-up and for checking what the server refuses. */
export const adminToken = async (baseUrl: string, user: Credentials): Promise<string> =>
  (await call(baseUrl, 'POST', '/admin/login', { email: user.email, password: user.password })).data.token;

export const adminApi = async (baseUrl: string, user: Credentials) => {
  const token = await adminToken(baseUrl, user);
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  };
  return { token, request };
};
