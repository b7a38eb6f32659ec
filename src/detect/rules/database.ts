import type { Rule } from '../types';

export const databaseRules: readonly Rule[] = [];
