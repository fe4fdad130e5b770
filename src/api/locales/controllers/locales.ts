import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publicLocales } from '../../../locales/public-locales';

/** GET /api/locales: `{ data: [{ code, name, isDefault }] }`. It takes no parameters (any is a 400, as elsewhere on the API). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const [unknown] = Object.keys(ctx.query ?? {});
    if (unknown !== undefined) {
      const message = `Unknown parameter ${unknown}: the list of locales takes no parameters`;
      throw new errors.ValidationError(message, { errors: [{ path: [unknown], message, name: 'ValidationError' }] });
    }
    ctx.body = { data: await publicLocales(strapi) };
  },
});
