/** The site's own words (not content), in the five languages the content is published in. */
export type Messages = {
  council: string;
  service: string;
  skipLink: string;
  language: string;
  partnerships: string;
  partnerCity: string;
  projects: string;
  themes: string;
  organisations: string;
  country: string;
  region: string;
  population: string;
  website: string;
  since: string;
  years: string;
  origin: string;
  notTranslated: string;
  notFoundTitle: string;
  notFoundBody: string;
  unavailableTitle: string;
  unavailableBody: string;
  previewBanner: string;
  previewDraft: string;
  previewPublished: string;
  previewRefusedTitle: string;
  previewRefused: Record<'malformed' | 'signature' | 'expired' | 'not-found', string>;
  breadcrumbHome: string;
  /** Text around the licence's name (a link, kept in English: it is the licence's title). */
  licence: [string, string];
};

const en: Messages = {
  council: 'Leeds City Council',
  service: 'International relations',
  skipLink: 'Skip to main content',
  language: 'Language',
  partnerships: 'Partnerships',
  partnerCity: 'Partner city',
  projects: 'Projects',
  themes: 'Themes',
  organisations: 'Organisations',
  country: 'Country',
  region: 'Region',
  population: 'Population',
  website: 'Website',
  since: 'Since',
  years: 'Years',
  origin: 'How it began',
  notTranslated: 'Not yet translated: shown in English.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
  unavailableTitle: 'Sorry, there is a problem with the service',
  unavailableBody: 'Try again later.',
  previewBanner: 'Preview: this page is not public',
  previewDraft: 'You are looking at the draft. Nobody else can see it until it is published.',
  previewPublished: 'You are looking at the published version through a preview link.',
  previewRefusedTitle: 'This preview link cannot be used',
  previewRefused: {
    malformed: 'The link is incomplete. Open the preview again from the admin panel.',
    signature: 'The link has been changed since it was made. Open the preview again from the admin panel.',
    expired: 'Preview links work for a few minutes only. Open the preview again from the admin panel.',
    'not-found': 'The document this link points to no longer exists in this language.',
  },
  breadcrumbHome: 'International relations',
  licence: ['All content is available under the ', ', except where otherwise stated'],
};

const fr: Messages = {
  council: 'Conseil municipal de Leeds',
  service: 'Relations internationales',
  skipLink: 'Aller au contenu principal',
  language: 'Langue',
  partnerships: 'Partenariats',
  partnerCity: 'Ville partenaire',
  projects: 'Projets',
  themes: 'Thèmes',
  organisations: 'Organisations',
  country: 'Pays',
  region: 'Région',
  population: 'Population',
  website: 'Site web',
  since: 'Depuis',
  years: 'Années',
  origin: 'Origine',
  notTranslated: 'Pas encore traduit : affiché en anglais.',
  notFoundTitle: 'Page introuvable',
  notFoundBody: 'Si vous avez saisi l’adresse, vérifiez qu’elle est correcte. Si vous l’avez collée, vérifiez que vous avez copié l’adresse entière.',
  unavailableTitle: 'Désolé, le service rencontre un problème',
  unavailableBody: 'Réessayez plus tard.',
  previewBanner: 'Aperçu : cette page n’est pas publique',
  previewDraft: 'Vous voyez le brouillon. Personne d’autre ne le voit avant sa publication.',
  previewPublished: 'Vous voyez la version publiée par un lien d’aperçu.',
  previewRefusedTitle: 'Ce lien d’aperçu ne peut pas être utilisé',
  previewRefused: {
    malformed: 'Le lien est incomplet. Ouvrez de nouveau l’aperçu depuis le panneau d’administration.',
    signature: 'Le lien a été modifié depuis sa création. Ouvrez de nouveau l’aperçu depuis le panneau d’administration.',
    expired: 'Les liens d’aperçu ne sont valables que quelques minutes. Ouvrez de nouveau l’aperçu depuis le panneau d’administration.',
    'not-found': 'Le document visé par ce lien n’existe plus dans cette langue.',
  },
  breadcrumbHome: 'Relations internationales',
  licence: ['Tout le contenu est disponible sous la licence ', ', sauf mention contraire'],
};

const de: Messages = {
  council: 'Stadtverwaltung Leeds',
  service: 'Internationale Beziehungen',
  skipLink: 'Zum Hauptinhalt springen',
  language: 'Sprache',
  partnerships: 'Partnerschaften',
  partnerCity: 'Partnerstadt',
  projects: 'Projekte',
  themes: 'Themen',
  organisations: 'Organisationen',
  country: 'Land',
  region: 'Region',
  population: 'Einwohner',
  website: 'Website',
  since: 'Seit',
  years: 'Jahre',
  origin: 'Entstehung',
  notTranslated: 'Noch nicht übersetzt: auf Englisch angezeigt.',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundBody: 'Wenn Sie die Adresse eingegeben haben, prüfen Sie sie. Wenn Sie sie eingefügt haben, prüfen Sie, ob Sie die ganze Adresse kopiert haben.',
  unavailableTitle: 'Leider gibt es ein Problem mit dem Dienst',
  unavailableBody: 'Versuchen Sie es später noch einmal.',
  previewBanner: 'Vorschau: Diese Seite ist nicht öffentlich',
  previewDraft: 'Sie sehen den Entwurf. Niemand sonst sieht ihn, bevor er veröffentlicht ist.',
  previewPublished: 'Sie sehen die veröffentlichte Fassung über einen Vorschaulink.',
  previewRefusedTitle: 'Dieser Vorschaulink kann nicht verwendet werden',
  previewRefused: {
    malformed: 'Der Link ist unvollständig. Öffnen Sie die Vorschau erneut aus dem Verwaltungsbereich.',
    signature: 'Der Link wurde seit seiner Erstellung verändert. Öffnen Sie die Vorschau erneut aus dem Verwaltungsbereich.',
    expired: 'Vorschaulinks gelten nur wenige Minuten. Öffnen Sie die Vorschau erneut aus dem Verwaltungsbereich.',
    'not-found': 'Das Dokument, auf das dieser Link zeigt, gibt es in dieser Sprache nicht mehr.',
  },
  breadcrumbHome: 'Internationale Beziehungen',
  licence: ['Alle Inhalte sind unter der ', '-Lizenz verfügbar, sofern nicht anders angegeben'],
};

const cs: Messages = {
  council: 'Městská rada Leeds',
  service: 'Mezinárodní vztahy',
  skipLink: 'Přejít na hlavní obsah',
  language: 'Jazyk',
  partnerships: 'Partnerství',
  partnerCity: 'Partnerské město',
  projects: 'Projekty',
  themes: 'Témata',
  organisations: 'Organizace',
  country: 'Země',
  region: 'Region',
  population: 'Počet obyvatel',
  website: 'Webové stránky',
  since: 'Od roku',
  years: 'Roky',
  origin: 'Jak to začalo',
  notTranslated: 'Zatím nepřeloženo: zobrazeno v angličtině.',
  notFoundTitle: 'Stránka nenalezena',
  notFoundBody: 'Pokud jste adresu psali, zkontrolujte, zda je správná. Pokud jste ji vložili, zkontrolujte, zda jste zkopírovali celou adresu.',
  unavailableTitle: 'Omlouváme se, služba má potíže',
  unavailableBody: 'Zkuste to prosím později.',
  previewBanner: 'Náhled: tato stránka není veřejná',
  previewDraft: 'Díváte se na koncept. Nikdo jiný ho neuvidí, dokud nebude zveřejněn.',
  previewPublished: 'Díváte se na zveřejněnou verzi přes odkaz náhledu.',
  previewRefusedTitle: 'Tento odkaz náhledu nelze použít',
  previewRefused: {
    malformed: 'Odkaz je neúplný. Otevřete náhled znovu z administrace.',
    signature: 'Odkaz byl od svého vytvoření změněn. Otevřete náhled znovu z administrace.',
    expired: 'Odkazy náhledu platí jen několik minut. Otevřete náhled znovu z administrace.',
    'not-found': 'Dokument, na který odkaz míří, už v tomto jazyce neexistuje.',
  },
  breadcrumbHome: 'Mezinárodní vztahy',
  licence: ['Veškerý obsah je k dispozici pod licencí ', ', pokud není uvedeno jinak'],
};

const zhHans: Messages = {
  council: '利兹市议会',
  service: '国际关系',
  skipLink: '跳到主要内容',
  language: '语言',
  partnerships: '合作关系',
  partnerCity: '伙伴城市',
  projects: '项目',
  themes: '主题',
  organisations: '机构',
  country: '国家',
  region: '地区',
  population: '人口',
  website: '网站',
  since: '始于',
  years: '年份',
  origin: '缘起',
  notTranslated: '尚未翻译：以英文显示。',
  notFoundTitle: '找不到页面',
  notFoundBody: '如果您是手动输入的网址，请检查是否正确。如果是粘贴的网址，请检查是否复制了完整地址。',
  unavailableTitle: '抱歉，服务出现问题',
  unavailableBody: '请稍后再试。',
  previewBanner: '预览：此页面未公开',
  previewDraft: '您看到的是草稿。发布之前，其他人都看不到。',
  previewPublished: '您正通过预览链接查看已发布的版本。',
  previewRefusedTitle: '无法使用此预览链接',
  previewRefused: {
    malformed: '链接不完整。请从管理面板重新打开预览。',
    signature: '链接在生成后被改动过。请从管理面板重新打开预览。',
    expired: '预览链接只在几分钟内有效。请从管理面板重新打开预览。',
    'not-found': '此链接指向的文档在该语言中已不存在。',
  },
  breadcrumbHome: '国际关系',
  licence: ['除另有说明外，所有内容均依据 ', ' 提供'],
};

export const MESSAGES: Record<string, Messages> = { en, fr, de, cs, 'zh-Hans': zhHans };

export const messagesFor = (locale: string): Messages => MESSAGES[locale] ?? en;

/** A language's own name for itself ("Français", "Čeština"), for the language switcher. */
export const endonym = (code: string, fallback: string): string => {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : fallback;
  } catch {
    return fallback;
  }
};
