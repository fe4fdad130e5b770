/** global::named-refusals — refusals on /api that say why (src/public-api/named-refusals.ts). */
export { default } from '../public-api/named-refusals';
