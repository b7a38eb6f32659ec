import type { RuleVectors } from '../helpers/vectors';

export const saasVectors: RuleVectors[] = [];
