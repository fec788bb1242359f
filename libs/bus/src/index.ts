export const LIB_NAME = 'bus';
