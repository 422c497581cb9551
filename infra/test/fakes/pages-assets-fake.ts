import { bearer, failure, ok, type CloudflareFake, type FakeRequest } from "./cloudflare-fake";

type Answer = ReturnType<typeof ok>;

/**
 * The asset half of a Pages direct upload: upload tokens (JWTs) and the
 * check-missing, upload and upsert-hashes calls made with them.
 */
export class PagesAssetsFake {
  readonly assets = new Map<string, { bytes: Buffer; contentType: string }>();
  /** Upload tokens stop working after this many asset calls (then 401, code 8000013). */
  jwtUses = Infinity;
  private issued = 0;
  private uses = 0;

  constructor(fake: CloudflareFake) {
    fake.route("POST", "/pages/assets/check-missing", (req) =>
      this.assetCall(req, (body: { hashes: string[] }) => ok(body.hashes.filter((h) => !this.assets.has(h)))),
    );
    fake.route("POST", "/pages/assets/upload", (req) =>
      this.assetCall(req, (files: { key: string; value: string; metadata: { contentType: string }; base64: boolean }[]) => {
        for (const f of files) this.assets.set(f.key, { bytes: Buffer.from(f.value, "base64"), contentType: f.metadata.contentType });
        return ok({ successful_key_count: files.length, unsuccessful_keys: [] }, 201);
      }),
    );
    fake.route("POST", "/pages/assets/upsert-hashes", (req) => this.assetCall(req, () => ok(true)));
  }

  /** A JWT as the API issues it: its payload carries the file-count limit wrangler reads. */
  issue(): string {
    this.issued++;
    this.uses = 0;
    const claims = { exp: Math.floor(Date.now() / 1000) + 300, n: this.issued, max_file_count_allowed: 20_000 };
    return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
  }

  private assetCall<T>(req: FakeRequest, then: (body: T) => Answer): Answer {
    if (!this.isCurrent(bearer(req) ?? "") || ++this.uses > this.jwtUses) return failure(401, 8000013, "Authorization failed");
    return then(JSON.parse(req.body.toString("utf8")) as T);
  }

  private isCurrent(jwt: string): boolean {
    try {
      return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")).n === this.issued;
    } catch {
      return false;
    }
  }
}
