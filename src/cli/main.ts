import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/load-config';
import { isAppError } from '../errors';
import { runAnalyze, type AnalyzeFlags } from './analyze-command';
import { runInspect } from './inspect-command';
import { runLocate } from './locate-command';
import { runServe } from './serve-command';
import { runTokenCreate } from './token-command';
import { runWorker } from './worker-command';
import { ROLES, type Role } from '../store/tokens';
import { VERSION } from './version';

/** Exit codes: 0 the run finished (even with failed photos), 1 a fatal error, 2 a usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('outfall-scout')
    .description('Find pollution discharge points in drone photos and place them on the ground.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command('analyze')
    .description('analyse photos (files or folders, searched recursively) and write one hotspot report')
    .argument('<path...>', 'photos or folders')
    .option('-o, --out <file>', 'write the report here (default: stdout)')
    .addOption(new Option('-f, --format <format>', 'report format (default: from --out, else geojson)').choices(['geojson', 'csv', 'kml']))
    .option('-m, --model <dir>', 'model folder with model.onnx and model.json')
    .option('-t, --threshold <t>', 'confidence threshold 0..1 (default: the model\'s)', parseUnit)
    .option('--footprints', 'add each photo\'s ground footprint to the report', false)
    .option('--check-headings', 'match overlapping photos, warn about heading tags their content contradicts, and place those photos by their content', false)
    .option('-c, --concurrency <n>', 'photos in flight at once', parsePositiveInt)
    .option('-q, --quiet', 'no progress bar', false)
    .action(async (paths: string[], opts: AnalyzeFlags) => {
      exitCode = await runAnalyze(paths, opts, loadConfig(process.env));
    });

  program
    .command('inspect')
    .description('print what the photo\'s metadata and the camera geometry tell (JSON)')
    .argument('<photo>')
    .option('--no-neighbours', 'do not compare the heading with overlapping photos in the same folder')
    .action(async (photo: string, opts: { neighbours: boolean }) => {
      exitCode = await runInspect(photo, opts, loadConfig(process.env));
    });

  program
    .command('locate')
    .description('print where on the ground pixels of the photo lie (GeoJSON Points, in order)')
    .argument('<photo>')
    .argument('<pixels...>', 'pixels as x,y')
    .action(async (photo: string, pixels: string[]) => {
      exitCode = await runLocate(photo, pixels);
    });

  program
    .command('token')
    .description('manage the service\'s API tokens (in DATA_DIR)')
    .command('create')
    .description('create a token and print its secret once')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--name <name>', 'who or what holds it (shown in the audit log)')
    .action((opts: { role: Role; name: string }) => {
      exitCode = runTokenCreate(opts, loadConfig(process.env));
    });

  program
    .command('serve')
    .description('run the API, and analysis workers on this machine (Redis: REDIS_URL, else its own redis-server)')
    .option('--port <n>', 'HTTP port (default PORT or 8080)', parsePort)
    .option('--host <address>', 'address to listen on (default all)')
    .option('--workers <n>', 'analysis child processes here; 0 when only remote workers analyse (default cores - 1)', parseWorkers)
    .action(async (opts: { port?: number; workers?: number; host?: string }) => {
      exitCode = await runServe(opts, loadConfig(process.env));
    });

  program
    .command('worker')
    .description('run analysis workers only, for a server elsewhere (needs REDIS_URL and OUTFALL_WORKER_TOKEN)')
    .requiredOption('--api <url>', 'the server\'s URL, where photos are fetched from')
    .option('--workers <n>', 'analysis child processes (default cores - 1)', parseWorkers)
    .action(async (opts: { api: string; workers?: number }) => {
      exitCode = await runWorker(opts, loadConfig(process.env));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isAppError(e)) {
      process.stderr.write(`outfall-scout: ${e.message}\n`);
      return e.code === 'USAGE' ? 2 : 1;
    }
    throw e;
  }
}


function parseUnit(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

function parseWorkers(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('expected a whole number from 0 to 256');
  return n;
}
