// `aftercare kb import --brand SLUG FILE...`: adds documents to a brand's knowledge base; a file whose
// name was imported before replaces the earlier document.
import { basename } from "node:path";
import { requireBrand } from "../app/brands/require-brand.ts";
import { importKnowledge, knowledgeContentType } from "../app/knowledge/import-knowledge.ts";
import { ingestDocument } from "../assistant/pages/ingest.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { readTextFile } from "./files.ts";
import { withStore } from "./with-store.ts";

const USAGE =
  "usage: aftercare kb import --brand SLUG FILE...   (.txt, .md, .html, or a help centre's articles export .json)\n";

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "import") return importFiles(rest);
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  throw new CliError(sub ? `kb: unknown sub-command '${sub}'\n${USAGE}` : USAGE);
}

async function importFiles(argv: string[]): Promise<number> {
  const { values, positionals: files } = parseCommandArgs("kb import", argv, {
    brand: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const slug = values.brand;
  if (!slug) throw new CliError(`kb import: --brand is required\n${USAGE}`);
  if (!files.length) throw new CliError(`kb import: name at least one FILE\n${USAGE}`);
  for (const file of files) {
    if (!knowledgeContentType(file))
      throw new CliError(
        `${file}: only .txt, .md, .html and help-centre export .json files can be imported`,
        1,
      );
  }
  return withStore(async ({ db }) => {
    await requireBrand(db, slug);
    // Read every file before importing any, so a typo in the last name does not leave half a batch.
    const documents: { name: string; content: string }[] = [];
    for (const file of files) documents.push({ name: basename(file), content: await readTextFile(file) });
    // Likewise a file with nothing to answer from is reported before any is imported.
    for (const doc of documents) {
      let found = 0;
      try {
        found = ingestDocument(doc.name, doc.content).length;
      } catch (error) {
        throw new CliError(`${doc.name}: ${error instanceof Error ? error.message : String(error)}`, 1);
      }
      if (found === 0)
        throw new CliError(
          `${doc.name}: no help text found (a page drawn by a script may need saving after it has loaded, or its text pasting into a .txt file); nothing was imported`,
          1,
        );
    }
    for (const doc of documents) {
      const result = await importKnowledge(db, { brandSlug: slug, name: doc.name, content: doc.content });
      const verb = result.replaced ? "replaced" : "imported";
      process.stdout.write(
        `${verb} ${result.name}: ${result.passages} passage${result.passages === 1 ? "" : "s"}\n`,
      );
    }
    return 0;
  });
}
