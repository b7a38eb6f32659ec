import type { Rule } from '../types';

export const structuralRules: readonly Rule[] = [];
