import { lineShape } from '../detect/line-shape';
import type { TextSource } from '../detect/scan-lines';
import type { Evaluator } from '../policy/evaluate';

/** Lines and bytes of staged additions judged so far, for the summary line. */
export interface ContentTally {
  lines: number;
  bytes: number;
}

/** Counts one file's added content and judges it; the same on the main thread and in the scan worker. */
export function judgeContent(evaluator: Evaluator, content: TextSource, tally: ContentTally): void {
  tally.bytes += content.bytes ?? Buffer.byteLength(content.text);
  // A piece of a large file comes counted, and whether the file has long lines is known.
  if (content.piece) {
    tally.lines += content.piece.lines;
    evaluator.add(content);
    return;
  }
  const shape = lineShape(content.text);
  tally.lines += shape.lines;
  evaluator.add({ ...content, longestLine: shape.longest });
}
