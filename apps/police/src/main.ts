import { LIB_NAME } from '@simpul/contracts';
console.log(LIB_NAME);
