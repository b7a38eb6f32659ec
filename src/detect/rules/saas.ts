import type { Rule } from '../types';

export const saasRules: readonly Rule[] = [];
