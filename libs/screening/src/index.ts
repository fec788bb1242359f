export const LIB_NAME = 'screening';
