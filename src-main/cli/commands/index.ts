/** Every CLI command, in help order. Add a command by writing its file and listing it here. */
import type { CliCommand } from '../command';

export const commands: readonly CliCommand[] = [];
