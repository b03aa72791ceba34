/**
 * The child end of support/child.ts's runBundle: a benchmark process that renders React in jsdom and writes its
 * results to the JSON file named by its first argument.
 */
import { installDom } from './dom';

/**
 * Takes the output path from the arguments, installs jsdom, runs `measure` (which must import react-dom only now, as
 * react-dom checks for a DOM when it is first evaluated), then exits: 0 once it resolves, 1 if anything throws.
 */
export function runBenchProcess(usage: string, measure: (output: string) => Promise<void>): void {
  const run = async (): Promise<void> => {
    const output = process.argv[2];
    if (output === undefined) throw new Error(`usage: ${usage}`);
    installDom();
    await measure(output);
  };
  // React's scheduler holds a MessageChannel port open, which would keep Node alive after the work is done.
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
