import { formatDuration } from '../../scenarios/duration.ts';
import { listScenarios, loadLibraryScenario } from '../../scenarios/library.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError } from '../usage-error.ts';

/** `twin scenarios list` and `twin scenarios validate <file>`. */
export async function scenarios(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    parseCommandArgs('scenarios list', rest, {});
    const rows = listScenarios();
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) console.log(`${r.name.padEnd(width)}  ${formatDuration(r.durationS).padStart(6)}  ${r.title}`);
    return 0;
  }
  if (sub === 'validate') {
    const { positionals } = parseCommandArgs('scenarios validate', rest, {}, true);
    if (positionals.length !== 1) throw new UsageError('scenarios validate: give exactly one scenario file');
    const s = loadLibraryScenario(positionals[0]!);
    console.log(
      `ok: ${s.name} · ${formatDuration(s.durationS)} · ${s.lines.length} lines · ${s.machines.length} machines · ${s.faults.length} faults · ${s.actions.length} actions`,
    );
    return 0;
  }
  throw new UsageError(`scenarios: unknown subcommand "${sub ?? ''}" (use "list" or "validate <file>")`);
}
