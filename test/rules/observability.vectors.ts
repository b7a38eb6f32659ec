import type { RuleVectors } from '../helpers/vectors';

export const observabilityVectors: RuleVectors[] = [];
