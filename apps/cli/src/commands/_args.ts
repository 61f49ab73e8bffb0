import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A command's arguments, or `undefined` after printing what is wrong with them (and the usage, when
 * given): the command then exits with 2.
 */
export function commandArgs<T extends ParseArgsConfig>(config: T, usage?: string): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(`参数错误：${(e as Error).message}${usage ? `\n${usage}` : ''}`);
    return undefined;
  }
}
