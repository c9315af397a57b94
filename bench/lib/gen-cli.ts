// Writes the benchmark's orders to a file, for profiling or trying an import by hand:
//   node bin/run-ts.mjs bench/lib/gen-cli.ts FILE N
import { writeOrders } from "./generate.ts";

const [file, count] = process.argv.slice(2);
if (!file || !Number.isSafeInteger(Number(count))) throw new Error("usage: gen-cli.ts FILE N");
const bytes = await writeOrders(file, Number(count), new Date());
console.log(`${count} orders, ${(bytes / 1e6).toFixed(1)} MB in ${file}`);
