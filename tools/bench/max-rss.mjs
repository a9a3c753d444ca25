// Preloaded by the benchmark (`node --import`): records the process's peak memory when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.MASTRAKIT_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
