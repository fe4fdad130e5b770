import type { Core } from '@strapi/strapi';
import { MODEL_VIEWS } from './field-help';
import { mergeView, viewPieces, type ViewConfiguration } from './views';

const STORE = { type: 'plugin', name: 'partner-cities', key: 'content-manager-views' } as const;

type ConfigurationService = {
  findConfiguration(model: { uid: string }): Promise<ViewConfiguration>;
  updateConfiguration(model: { uid: string }, configuration: ViewConfiguration): Promise<unknown>;
};

/**
 * Sets the Content Manager's labels, help, list columns and edit layouts of the council's types
 * and components from code (./field-help.ts) at every start, so every instance and every fresh
 * database has them; a piece an administrator has changed in the panel since is left as they set it.
 */
export const applyContentManagerViews = async (strapi: Core.Strapi) => {
  const store = strapi.store(STORE);
  const lastApplied = ((await store.get({})) ?? {}) as Record<string, Record<string, unknown>>;
  const nowApplied: Record<string, Record<string, unknown>> = {};
  for (const [uid, view] of Object.entries(MODEL_VIEWS)) {
    const isComponent = !uid.includes('::');
    const model = isComponent ? strapi.components[uid as keyof typeof strapi.components] : strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!model) continue;
    const service = strapi.plugin('content-manager').service(isComponent ? 'components' : 'content-types') as ConfigurationService;
    const { settings, metadatas, layouts } = await service.findConfiguration({ uid });
    const current = { settings, metadatas, layouts };
    const attributes = model.attributes as Record<string, { type: string }>;
    const { configuration, applied, kept, changed } = mergeView(current, viewPieces(view, attributes, current), lastApplied[uid]);
    if (changed) await service.updateConfiguration({ uid }, configuration);
    if (kept.length > 0) strapi.log.info(`Content Manager view of ${uid}: kept the administrator's ${kept.join(', ')}`);
    nowApplied[uid] = applied;
  }
  await store.set({ value: nowApplied });
};
