/** `folded` is the password NFKC-normalised and lower-cased, as the list is stored. */
export async function isCommonPassword(db: D1Database, folded: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM common_passwords WHERE password = ?").bind(folded).first()) !== null;
}
