// The runtime's fixed cost: Miniflare's entry Worker plus a Worker that answers at once.
export default {
  fetch: () => new Response('{"ok":true}', { headers: { "Content-Type": "application/json" } }),
} satisfies ExportedHandler;
