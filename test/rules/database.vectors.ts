import type { RuleVectors } from '../helpers/vectors';

export const databaseVectors: RuleVectors[] = [];
