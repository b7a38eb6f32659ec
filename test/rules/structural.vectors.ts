import type { RuleVectors } from '../helpers/vectors';

export const structuralVectors: RuleVectors[] = [];
