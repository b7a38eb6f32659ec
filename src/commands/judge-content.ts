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
  const { piece } = content;
  // A piece of a large file counts only its own lines; the file's line length is already known.
  const shape = lineShape(piece ? content.text.slice(piece.from, piece.to) : content.text);
  tally.lines += shape.lines;
  tally.bytes += content.bytes ?? Buffer.byteLength(content.text);
  evaluator.add(piece ? content : { ...content, longestLine: shape.longest });
}
