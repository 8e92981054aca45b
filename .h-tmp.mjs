import { build } from 'esbuild';
await build({ platform: 'node', target: 'node20', bundle: true, packages: 'external', entryPoints: ['/tmp/cli-warm/h/harness.ts'], outfile: '/work/wt-cliwarm/dist/h-harness.mjs', format: 'esm', logLevel: 'error' });
