// Child process entry: reads the load options from argv[2] (JSON), prints the result as JSON.
import { runLoad } from "./load.mjs";

const result = await runLoad(JSON.parse(process.argv[2]));
process.stdout.write(`${JSON.stringify(result)}\n`);
