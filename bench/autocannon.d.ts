/** The small part of autocannon's API that bench/load.ts uses (the package ships no types). */
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number; max: number };
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };
  export type Options = {
    url: string;
    connections: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: (RawRequest & { setupRequest?: (req: RawRequest) => RawRequest })[];
  };
  export type Result = {
    latency: Histogram;
    requests: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  /** The run: a promise of its result that also emits "response" as each answer arrives. */
  export type Instance = Promise<Result> & { on(event: "response", listener: () => void): Instance };
  export default function autocannon(options: Options): Instance;
}
