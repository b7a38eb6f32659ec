import type { RuleVectors } from '../helpers/vectors';

export const codeHostingVectors: RuleVectors[] = [];
