import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DEFAULT_LOCALE } from '../locales/locales';
import { controlCharacterProblems, type FieldProblem, relationIsEmptied, validateContent } from '../domain/validation';
import { englishVersion, forCouncilTypes, SAVE_ACTIONS, type DocumentMiddleware } from './kit';
import { currentDraftValues } from './current-values';

/**
 * Validates every create and update of the council's types before anything is written, drafts
 * included (stock Strapi checks regex/min/max only when publishing), and refuses control
 * characters in any text of the write, on every path that writes (REST, Content Manager, XLIFF
 * import, history restore). Throwing a ValidationError
 * here answers 400 on REST and in the admin Content Manager alike.
 */
export const contentValidation = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(SAVE_ACTIONS, async (context, next) => {
    const { documentId, locale, data = {} } = context.params;
    const isCreate = context.action === 'create';
    const current = isCreate ? { values: {}, localeVersionExists: false } : await currentDraftValues(strapi, context.uid, documentId, locale);
    const values = { ...current.values, ...data };

    const problems: FieldProblem[] = [
      ...controlCharacterProblems(data),
      ...validateContent(context.uid, values, { currentYear: new Date().getFullYear() }),
      ...(context.uid === 'api::partnership.partnership'
        ? await cityProblems(strapi, data.city, { isCreate, documentId, locale, localeVersionExists: current.localeVersionExists })
        : []),
      ...(context.uid === 'api::city.city' ? await imageProblems(strapi, data.image) : []),
    ];
    if (problems.length > 0) {
      throw new errors.ValidationError(problems.map((p) => p.message).join('; '), {
        errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError' })),
      });
    }
    return next();
  });

/** A partnership is always with a city; a new translation takes the source's city. */
const cityProblems = async (
  strapi: Core.Strapi,
  city: unknown,
  { isCreate, documentId, locale, localeVersionExists }: { isCreate: boolean; documentId?: string; locale?: string; localeVersionExists: boolean },
): Promise<FieldProblem[]> => {
  const emptied = relationIsEmptied(city);
  const missing = [{ path: ['city'], message: 'city: a partnership needs its partner city' }];
  if (emptied === true) return missing;
  if (emptied === false) return [];
  if (isCreate) return missing;
  if (localeVersionExists || (locale ?? DEFAULT_LOCALE) === DEFAULT_LOCALE) return [];
  const source = documentId ? await englishVersion(strapi, 'api::partnership.partnership', documentId, { populate: { city: { select: ['id'] } } }) : null;
  return source?.city ? [] : missing;
};

/** Images on public pages need alternative text (WCAG); it lives on the media file. */
const imageProblems = async (strapi: Core.Strapi, image: unknown): Promise<FieldProblem[]> => {
  if (image === undefined || image === null) return [];
  const id = Number(typeof image === 'object' ? (image as { id?: unknown }).id : image);
  if (!Number.isInteger(id) || id <= 0) return [{ path: ['image'], message: `image: expected the id of a media file (got ${JSON.stringify(image)})` }];
  const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
  if (!file) return [{ path: ['image'], message: `image: no media file with id ${JSON.stringify(id)}` }];
  return typeof file.alternativeText === 'string' && file.alternativeText.trim() !== ''
    ? []
    : [{ path: ['image'], message: 'image: the media file needs alternative text (set it in the Media Library)' }];
};
