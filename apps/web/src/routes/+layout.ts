// The studio is a client-rendered app: every piece of data comes from the typed tRPC client in
// the browser, so the server never has to call itself (no SSR fetch to its own origin).
export const ssr = false;
export const prerender = false;
