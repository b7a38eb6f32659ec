import type { Style } from '../report/style';
import type { RepoContext } from './context';

// Placeholder while the pre-push scan is being built (issue 5); fails closed.
export async function runPrePush(_ctx: RepoContext, _io: { out: (s: string) => void; style: Style }, _args: readonly string[]): Promise<number> {
  throw new Error('keyfence pre-push is not available in this build');
}
