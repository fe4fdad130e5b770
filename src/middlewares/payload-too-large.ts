/** global::payload-too-large — 413 without an error log for oversized bodies (src/request-bodies/payload-too-large.ts). */
export { default } from '../request-bodies/payload-too-large';
