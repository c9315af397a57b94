// `aftercare brand webhook-secret` as a real process against a fresh store on each database: the secret
// goes in on standard input and never comes back out.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand } from "../app/brands/add-brand.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { readSecretLine } from "./brand-webhook-secret.ts";
import { CliError } from "./cli-error.ts";

const root = resolve(import.meta.dirname, "../..");
const SECRET = "whsec-from-the-platform-0123456789";

// Each command is a fresh Node process compiling TypeScript on the fly: seconds, not milliseconds.
describe.each(testDatabases())("aftercare brand webhook-secret on $name", { timeout: 60_000 }, (target) => {
  let store: Store & { readonly url: string };
  let brandId = "";

  beforeAll(async () => {
    store = await target.open();
    brandId = (await addBrand(store.db, { slug: "nordwind", name: "Nordwind" })).brand.id;
  });
  afterAll(() => store.close());

  function aftercare(args: string[], input = "") {
    const result = spawnSync(process.execPath, [join(root, "bin/aftercare.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: store.url },
      input,
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const storedSecret = async () =>
    (await store.db
      .selectFrom("store_webhook_secrets")
      .select(["secret", "updated_at"])
      .where("brand_id", "=", brandId)
      .executeTakeFirst()) ?? null;

  const audit = () =>
    store.db
      .selectFrom("audit_log")
      .select(["action", "actor_type", "actor_id"])
      .where("entity_id", "=", brandId)
      .where("action", "like", "store_webhook_secret.%")
      .orderBy("created_at")
      .execute();

  it("stores the first line of standard input, trimmed, and --status reports it without showing it", async () => {
    const set = aftercare(["brand", "webhook-secret", "nordwind"], `  ${SECRET}  \r\nnot-the-secret\n`);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain("stored the store webhook secret of brand nordwind");
    expect(`${set.stdout}${set.stderr}`).not.toContain(SECRET);
    const row = await storedSecret();
    expect(row?.secret).toBe(SECRET);
    expect(await audit()).toEqual([
      { action: "store_webhook_secret.set", actor_type: "system", actor_id: "aftercare" },
    ]);

    const status = aftercare(["brand", "webhook-secret", "nordwind", "--status"]);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toBe(
      `brand nordwind: store webhook secret set ${row?.updated_at}; order webhooks need a valid X-Shopify-Hmac-Sha256\n`,
    );
    expect(`${status.stdout}${status.stderr}`).not.toContain(SECRET);
  });

  it("refuses empty input, a malformed secret and an unknown brand, changing nothing", async () => {
    const before = await storedSecret();
    const empty = aftercare(["brand", "webhook-secret", "nordwind"], "   \nsecond line\n");
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("no secret on standard input");

    const short = aftercare(["brand", "webhook-secret", "nordwind"], "tiny-secret\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("16 to 256 printable characters");
    expect(`${short.stdout}${short.stderr}`).not.toContain("tiny-secret");

    const unknown = aftercare(["brand", "webhook-secret", "nobody"], `${SECRET}\n`);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("brand 'nobody' not found");
    expect(unknown.stderr).not.toContain("    at ");
    expect(`${unknown.stdout}${unknown.stderr}`).not.toContain(SECRET);

    const both = aftercare(["brand", "webhook-secret", "nordwind", "--clear", "--status"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("either --clear or --status");

    expect(await storedSecret()).toEqual(before);
    expect(await audit()).toHaveLength(1);
  });

  it("--clear removes the secret once, and --status then says there is none", async () => {
    const clear = aftercare(["brand", "webhook-secret", "nordwind", "--clear"]);
    expect(clear.status, clear.stderr).toBe(0);
    expect(clear.stdout).toContain("removed the store webhook secret of brand nordwind");
    expect(await storedSecret()).toBeNull();
    expect((await audit()).map((a) => a.action)).toEqual([
      "store_webhook_secret.set",
      "store_webhook_secret.removed",
    ]);

    const again = aftercare(["brand", "webhook-secret", "nordwind", "--clear"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("nothing to remove");
    expect(await audit()).toHaveLength(2);

    const status = aftercare(["brand", "webhook-secret", "nordwind", "--status"]);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain("brand nordwind: no store webhook secret");
  });
});

describe("reading the secret at a terminal", () => {
  function terminal(...chunks: string[]) {
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      modes: [] as boolean[],
      setRawMode(raw: boolean) {
        input.modes.push(raw);
      },
    });
    for (const c of chunks) input.write(c);
    const err: string[] = [];
    return { input, err, errText: () => err.join(""), write: (c: string) => err.push(c) };
  }

  it("turns echo off while the line is typed, honours backspace and restores the terminal", async () => {
    const t = terminal("whsec-typo\u007f\u007f", "ed-by-hand\rignored");
    expect(await readSecretLine(t.input, t)).toBe("whsec-tyed-by-hand");
    expect(t.input.modes).toEqual([true, false]);
    expect(t.errText()).toBe("\n");
  });

  it("cancels on Ctrl-C, restoring the terminal", async () => {
    const t = terminal("whsec-half\u0003");
    const error = await readSecretLine(t.input, t).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(130);
    expect(t.input.modes).toEqual([true, false]);
  });
});
