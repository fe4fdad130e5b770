/** global::http-cache — HTTP caching of the REST API (src/http-cache/middleware.ts). */
export { default } from '../http-cache/middleware';
