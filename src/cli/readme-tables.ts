import { configLeaves } from '../config/env.js';
import { configSchema } from '../config/schema.js';
import { IGNORED_REASONS } from '../decode/outcome.js';
import { INPUT_ERRORS, OPERATIONAL_ERRORS } from '../errors.js';

/**
 * The README's generated tables (configuration, error codes), made from the schema and the code lists so that the
 * documentation cannot drift from the code. `jamwatch docs --write README.md` rewrites them; a test checks them.
 */
function table(header: [string, ...string[]], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function configTable(): string {
  return table(
    ['key', 'environment variable', 'default', 'meaning'],
    configLeaves(configSchema).map((leaf) => [
      `\`${leaf.path}\``,
      `\`${leaf.env}\``,
      leaf.defaultValue === undefined ? '' : `\`${JSON.stringify(leaf.defaultValue)}\``,
      leaf.description ?? '',
    ]),
  );
}

function codeTable(title: string, codes: Record<string, string>): string {
  return table(
    [title, 'meaning'],
    Object.entries(codes).map(([code, text]) => [`\`${code}\``, text]),
  );
}

const SECTIONS: Record<string, () => string> = {
  'config-table': configTable,
  'error-table': () =>
    [
      codeTable('input error', INPUT_ERRORS),
      codeTable('ignored, counted', IGNORED_REASONS),
      codeTable('operational error', OPERATIONAL_ERRORS),
    ].join('\n\n'),
};

/** Replaces every `<!-- name:start … -->` … `<!-- name:end -->` section with its generated table. */
export function updateReadme(text: string): string {
  let out = text;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- ${name}:start[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README has no <!-- ${name}:start --> … <!-- ${name}:end --> section`);
    out = out.replace(pattern, (_, start: string, end: string) => `${start}${make()}\n${end}`);
  }
  return out;
}
