export type VarnishCounters = { clientRequests: number; backendRequests: number; hits: number; misses: number };
export type Varnish = { url: string; /** varnishd's manager process (the cache process is its child) */ pid: number | undefined; backendHealth(): string; counters(): VarnishCounters; stop(): Promise<void> };
export declare const freePort: () => Promise<number>;
export declare const varnishInstalled: () => boolean;
export declare const startVarnish: (options: { port: number; backendPort: number; memory?: string; probe?: 'quick' | 'steady'; purgers?: string[] }) => Promise<Varnish>;
