/** global::rate-limit — per-client limit on the REST API (src/rate-limit/middleware.ts). */
export { default } from '../rate-limit/middleware';
