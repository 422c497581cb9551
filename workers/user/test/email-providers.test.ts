import { describe, expect, it } from "vitest";
import { RESEND_ENDPOINT, resendProvider } from "../src/email/resend";
import { alreadyRegisteredEmail, passwordChangedEmail, resetEmail, verificationEmail } from "../src/email/templates";

const message = { to: "ada@example.com", subject: "Confirm", text: "https://app.example/verify?token=SECRET", html: "<p>x</p>" };

describe("resend provider", () => {
  it("posts the message to Resend's API with the key, after the answer (waitUntil)", async () => {
    const sent: Request[] = [];
    const later: Promise<unknown>[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    await resendProvider({ apiKey: "re_test", from: "App <no-reply@app.example>" }, (p) => later.push(p), fetcher).send(message);
    expect(later).toHaveLength(1);
    await Promise.all(later);
    expect(sent[0]!.url).toBe(RESEND_ENDPOINT);
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer re_test");
    expect(await sent[0]!.json()).toEqual({ from: "App <no-reply@app.example>", to: ["ada@example.com"], subject: "Confirm", text: message.text, html: "<p>x</p>" });
  });

  it("logs only the status of a failed delivery, never the body with its link", async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const later: Promise<unknown>[] = [];
      const fetcher = (async () => new Response("nope", { status: 422 })) as unknown as typeof fetch;
      await resendProvider({ apiKey: "re_test", from: "a@b.co" }, (p) => later.push(p), fetcher).send(message);
      await Promise.all(later);
    } finally {
      console.error = original;
    }
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain("422");
    expect(JSON.stringify(logged)).not.toContain("SECRET");
  });

  it("refuses to start without a key", () => {
    expect(() => resendProvider({ apiKey: "", from: "a@b.co" }, () => undefined)).toThrow();
  });
});

describe("templates", () => {
  it("put the link in text and HTML, escaped in HTML", () => {
    const link = 'https://app.example/verify?token=abc&x="<y>"';
    for (const email of [verificationEmail(link, 86400), resetEmail(link, 1800)]) {
      expect(email.text).toContain(link);
      expect(email.html).toContain("https://app.example/verify?token=abc&amp;x=&quot;&lt;y&gt;&quot;");
      expect(email.html).not.toContain('"<y>"');
    }
    expect(verificationEmail("l", 86400).text).toContain("24 hours");
    expect(resetEmail("l", 1800).text).toContain("30 minutes");
  });

  it("carry no token in the notices", () => {
    expect(alreadyRegisteredEmail("https://app.example/login", "https://app.example/forgot").text).not.toContain("token");
    expect(passwordChangedEmail("https://app.example/forgot").text).not.toContain("token");
  });
});
