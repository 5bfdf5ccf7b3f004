import { join } from 'node:path';
import { walkThroughHosts } from './walk-through-hosts';

/**
 * `npx tsx test/packaging/screenshots/take-host-screenshots.ts` (after `npm run package`): writes
 * docs/screenshots/jira-cloud-*.png and docs/screenshots/azure-devops-*.png.
 */
walkThroughHosts({ screenshots: join(__dirname, '../../../docs/screenshots') }).then(
  ({ steps }) => process.stdout.write(`${steps.length} screenshots in docs/screenshots\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
