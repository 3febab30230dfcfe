/** The `helm-rank` process entry: bundled as out/app/cli.js (scripts/build.mjs), which bin/helm-rank.mjs runs. */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
