// The command table main.ts registers lazily: every entry loads a register function that adds
// the command of that name, with the description `kenshin --help` shows for it; and the command
// being run is found on the command line after the global options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { COMMANDS, commandName } from './commands.js';

test('each entry registers its command with the same description', async () => {
  for (const [name, description, load] of COMMANDS) {
    const program = new Command();
    (await load())(program);
    const cmd = program.commands.find((c) => c.name() === name);
    assert.ok(cmd, `${name} is registered by its file`);
    assert.equal(cmd.description(), description, name);
  }
});

test('the command name is found after global options, and after help', () => {
  assert.equal(commandName(['--db', 'x.duckdb', 'findings']), 'findings');
  assert.equal(commandName(['--db=x.duckdb', 'import', 'orders', 'f.csv']), 'import');
  assert.equal(commandName(['help', 'serve']), 'serve');
  assert.equal(commandName(['--help']), undefined);
  assert.equal(commandName([]), undefined);
});
