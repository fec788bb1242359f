/** @simpul/trust: the registry of units (deploy/agencies.yaml) and everything generated from it. */
export {};
