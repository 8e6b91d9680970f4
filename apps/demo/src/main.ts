// `npm run demo` runs this file from dist/: parse the flags, run the demo, set the exit code.
import { isMemoryError } from '@agent-memory/core';
import { HELP, parseCliArguments } from './cli-arguments.js';
import { runDemo } from './run-demo.js';

try {
  const command = parseCliArguments(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(HELP);
  } else {
    const report = await runDemo(command.options);
    process.exitCode = report.ok ? 0 : 1;
  }
} catch (error) {
  const message = isMemoryError(error) ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`demo failed: ${message}\n`);
  process.exitCode = 1;
}
