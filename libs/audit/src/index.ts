/** @simpul/audit: a tamper-evident, hash-chained audit log in each service's database (UU PDP art. 31). */
export {};
