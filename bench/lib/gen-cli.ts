import { writeOrders } from "./generate.ts";
await writeOrders(process.argv[2]!, Number(process.argv[3]), new Date());
