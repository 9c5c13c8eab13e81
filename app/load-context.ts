/** What the server (scripts/server.mjs) passes to every loader and action. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (behind the local reverse proxy: the forwarded one). */
    clientAddress?: string;
  }
}

export {};
