import type { RuleVectors } from '../helpers/vectors';

export const cryptoVectors: RuleVectors[] = [];
