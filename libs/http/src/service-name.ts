/** Injection token: the service's short name (`police`, `ministry`, `immigration`). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
