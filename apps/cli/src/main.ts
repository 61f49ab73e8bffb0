#!/usr/bin/env tsx
/**
 * The command line: `audit` (one-off reports to JSON or a summary), and the store's commands.
 * Each command lives in commands/<name>.ts and exports `run(argv): Promise<number>` (the exit code).
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }> = {
  audit: { summary: '审查报告文件并输出结果（--json 输出规范模型）', load: () => import('./commands/audit') },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    console.error(`用法: nianbao <命令> [参数]\n\n命令:\n${Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(10)} ${v.summary}`).join('\n')}`);
    return name ? 2 : 0;
  }
  return (await cmd.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
