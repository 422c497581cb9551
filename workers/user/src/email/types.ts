export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * What became of one send. `transient` may pass (a 5xx, a 429, no answer): try again
 * later, after `retryAfter` seconds when the provider said so. `refused` will not pass
 * (any other 4xx): trying again would only be refused again.
 */
export type SendResult =
  | { type: "sent" }
  | { type: "transient"; reason: string; retryAfter?: number }
  | { type: "refused"; status: number };

/**
 * Where mail goes. `idempotencyKey` is the same on every try of one message, so a
 * retried send never mails twice. Implementations must never log a message body:
 * it carries links with tokens.
 */
export interface EmailProvider {
  send(message: EmailMessage, idempotencyKey: string): Promise<SendResult>;
}
