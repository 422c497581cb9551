export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where mail goes. Implementations must never log a message body: it carries links with tokens. */
export interface EmailProvider {
  send(message: EmailMessage): Promise<void>;
}
