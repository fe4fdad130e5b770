/** global::request-guard — control characters in paths and NUL in queries refused (src/request-guard/index.ts). */
export { default } from '../request-guard';
