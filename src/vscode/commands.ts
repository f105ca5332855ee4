import * as vscode from 'vscode';
import { COMMANDS, type CommandName } from './command-ids.ts';

// Command arguments come from VS Code (explorer menus pass the clicked Uri and the selection).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandlers = { [name in CommandName]: (...args: any[]) => unknown };

/** Registers every command of COMMANDS; the mapped type makes a missing handler a compile error. */
export function registerCommands(handlers: CommandHandlers): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandName[]).map((name) => vscode.commands.registerCommand(COMMANDS[name], handlers[name]));
}
