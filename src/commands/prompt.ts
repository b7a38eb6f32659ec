import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** CI=true (or any value but false/0) means no human is there to answer. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Asks on the controlling terminal. Git hooks get no stdin, so this opens
 * /dev/tty; returns null when there is no terminal (CI, GUI clients) or CI is set.
 * Enter alone means yes.
 */
export function askYesNo(question: string): boolean | null {
  if (isCI()) return null;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
  try {
    writeSync(fd, question);
    const buffer = Buffer.alloc(256);
    let answer = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return null;
      answer += buffer.toString('utf8', 0, n);
      if (answer.includes('\n') || answer.includes('\r')) break;
    }
    const word = answer.trim().toLowerCase();
    return word === '' || word === 'y' || word === 'yes';
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
