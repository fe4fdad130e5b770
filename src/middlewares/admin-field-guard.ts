/** global::admin-field-guard — changes to fields a role may not write refused on Content Manager routes (src/admin-routes/field-guard.ts). */
export { default } from '../admin-routes/field-guard';
