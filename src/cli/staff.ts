// `aftercare staff add EMAIL --role ROLE [--brand SLUG] [--name NAME]` and `aftercare staff list`.
// The password is read from standard input when it is piped in; otherwise one is generated and printed
// once, since only its hash is kept.

import { createStaffUser } from "../app/access/create-staff-user.ts";
import { listStaffUsers } from "../app/access/list-staff-users.ts";
import { generatePassword } from "../app/access/password.ts";
import { seedDemoStaff } from "../app/access/seed-demo-staff.ts";
import { STAFF_ROLES, SYSTEM } from "../app/kernel/actor.ts";
import type { Db } from "../db/database.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { withStore } from "./with-store.ts";

const USAGE = `usage:
  aftercare staff add EMAIL --role ${STAFF_ROLES.join("|")} [--brand SLUG] [--name NAME]
      (pipe the password on standard input, or one is generated and printed once)
  aftercare staff list
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add") return add(rest);
  if (sub === "list") return list();
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  throw new CliError(sub ? `staff: unknown sub-command '${sub}'\n${USAGE}` : USAGE);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("staff add", argv, {
    role: { type: "string" },
    brand: { type: "string" },
    name: { type: "string" },
  });
  const [email, extra] = positionals;
  if (!email || extra !== undefined) throw new CliError(`staff add: expected one EMAIL\n${USAGE}`);
  if (!values.role) throw new CliError(`staff add: --role is required\n${USAGE}`);
  const piped = process.stdin.isTTY ? "" : (await readStdin()).replace(/\r?\n$/, "");
  const password = piped || generatePassword();
  return withStore(async ({ db }) => {
    const user = await createStaffUser(
      db,
      { email, name: values.name, role: values.role ?? "", brandSlug: values.brand ?? null, password },
      SYSTEM,
      new Date(),
    );
    process.stdout.write(
      `added ${user.role} ${user.email}${values.brand ? ` for brand ${values.brand}` : ""}\n`,
    );
    if (!piped) process.stdout.write(`password (shown once): ${password}\n`);
    return 0;
  });
}

async function list(): Promise<number> {
  return withStore(async ({ db }) => {
    for (const u of await listStaffUsers(db, SYSTEM)) {
      process.stdout.write(
        `${u.email}\t${u.role}\t${u.brand_id ?? "all brands"}\t${u.active ? "active" : "inactive"}\n`,
      );
    }
    return 0;
  });
}

/** Seeds the demo users one per role (when missing) and prints their logins; the password only once. */
export async function reportDemoStaff(db: Db, now = new Date()): Promise<void> {
  const seeded = await seedDemoStaff(db, now);
  if (!seeded.created.length) return;
  process.stdout.write(`demo staff (password ${seeded.password}, shown once):\n`);
  for (const u of seeded.created) process.stdout.write(`  ${u.email}  (${u.role})\n`);
}
