/**
 * Strapi's own Preview strings, which Strapi 5.54 ships in English, German and Czech only: French
 * and Chinese staff would otherwise meet English buttons in a panel that is in their language.
 * Keyed by Strapi's message ids (`content-manager.…`); merged over Strapi's for those locales.
 */
export const STRAPI_PREVIEW_TRANSLATIONS: Record<string, Record<string, string>> = {
  fr: {
    'content-manager.preview.panel.title': 'Aperçu',
    'content-manager.preview.panel.button': 'Ouvrir l’aperçu',
    'content-manager.preview.panel.button-disabled-tooltip': 'Enregistrez pour ouvrir l’aperçu',
    'content-manager.preview.page-title': 'Aperçu : {contentType}',
    'content-manager.preview.header.close': 'Fermer l’aperçu',
    'content-manager.preview.copy.label': 'Copier le lien d’aperçu',
    'content-manager.preview.copy.success': 'Lien d’aperçu copié',
    'content-manager.preview.tabs.label': 'Statut de l’aperçu',
  },
  'zh-Hans': {
    'content-manager.preview.panel.title': '预览',
    'content-manager.preview.panel.button': '打开预览',
    'content-manager.preview.panel.button-disabled-tooltip': '请先保存再打开预览',
    'content-manager.preview.page-title': '{contentType} 预览',
    'content-manager.preview.header.close': '关闭预览',
    'content-manager.preview.copy.label': '复制预览链接',
    'content-manager.preview.copy.success': '已复制预览链接',
    'content-manager.preview.tabs.label': '预览状态',
  },
};
