/** global::translator-fields-guard — translators' shared-field changes refused on Content Manager routes (src/translations/translator-fields-guard.ts). */
export { default } from '../translations/translator-fields-guard';
