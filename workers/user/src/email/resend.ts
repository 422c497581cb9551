import type { EmailProvider } from "./types";

export const RESEND_ENDPOINT = "https://api.resend.com/emails";

/**
 * Resend's HTTP API. Delivery runs after the response (`waitUntil`), so the
 * answer's timing does not depend on whether an email was sent: that keeps
 * register and forgot-password from telling which addresses have accounts.
 */
export function resendProvider(
  options: { apiKey: string; from: string },
  waitUntil: (promise: Promise<unknown>) => void,
  fetcher: typeof fetch = fetch,
): EmailProvider {
  if (!options.apiKey) throw new Error("RESEND_API_KEY is not set");
  return {
    async send(message) {
      const delivery = fetcher(RESEND_ENDPOINT, {
        method: "POST",
        headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ from: options.from, to: [message.to], subject: message.subject, text: message.text, html: message.html }),
      }).then(
        // Status only: the body of the request holds a link with a token.
        (res) => void (res.ok || console.error("resend: delivery failed with status", res.status)),
        () => console.error("resend: delivery failed (network)"),
      );
      waitUntil(delivery);
    },
  };
}
