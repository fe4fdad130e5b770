/** global::database-unavailable — 503 while PostgreSQL cannot be reached (src/health/database-unavailable.ts). */
export { default } from '../health/database-unavailable';
