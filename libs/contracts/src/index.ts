export const LIB_NAME = 'contracts';
