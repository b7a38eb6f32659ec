import type { RepoContext } from './context';

// Placeholder while doctor is being built (issue 4); fails closed.
export async function runDoctor(_ctx: RepoContext, _cwd: string, _out: (s: string) => void): Promise<number> {
  throw new Error('keyfence doctor is not available in this build');
}
