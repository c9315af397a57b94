// Loads the heaviest dependencies with Node's own loader before tsx registers its hooks. Once tsx is
// registered every module resolution and load goes through its hook thread, which costs far more for a
// package of hundreds of files (kysely, zod) than running them; a package loaded here beforehand is
// already in the module cache when the TypeScript sources import it. Only what the command needs:
// `aftercare policy` never opens a database.
const DATABASE = ["kysely", "pg", "better-sqlite3"];

/** @param {string | undefined} command the sub-command about to run, if known */
export async function preloadDependencies(command) {
  const names = command === "policy" || command === undefined ? ["zod"] : ["zod", ...DATABASE];
  await Promise.all(names.map((name) => import(name)));
}
