import { createHash } from './hash';

/**
 * A stable id of a finding: rule and secret only, never its place, so an
 * accepted finding stays accepted when lines move or files are renamed.
 */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 32);
}
