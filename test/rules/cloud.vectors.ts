import type { RuleVectors } from '../helpers/vectors';

export const cloudVectors: RuleVectors[] = [];
