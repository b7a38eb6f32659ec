import type { Rule } from '../types';

export const cloudRules: readonly Rule[] = [];
