import { terminalProgress, type ProgressStream } from '../../src/commands/scan';

function fakeTerminal(isTTY: boolean): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('terminalProgress', () => {
  it('is off when stderr is not a terminal', () => {
    expect(terminalProgress(fakeTerminal(false), () => 0)).toBeNull();
  });

  it('stays quiet for the first half second, then redraws at most ten times a second', () => {
    let now = 1_000;
    const stream = fakeTerminal(true);
    const progress = terminalProgress(stream, () => now)!;
    progress.tick(10, 6000);
    now += 499;
    progress.tick(20, 6000);
    expect(stream.written).toEqual([]);
    now += 1;
    progress.tick(30, 6000);
    now += 50;
    progress.tick(40, 6000); // too soon after the last redraw
    now += 50;
    progress.tick(50, 0); // total unknown
    expect(stream.written).toEqual([
      '\r\u001b[2Kkeyfence: scanning history: 30/6000 commits',
      '\r\u001b[2Kkeyfence: scanning history: 50 commits',
    ]);
    progress.done();
    expect(stream.written.at(-1)).toBe('\r\u001b[2K');
  });

  it('leaves nothing to wipe when it never showed', () => {
    const stream = fakeTerminal(true);
    const progress = terminalProgress(stream, () => 0)!;
    progress.tick(1, 1);
    progress.done();
    expect(stream.written).toEqual([]);
  });
});
