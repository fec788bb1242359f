import type { FieldWorkFigure } from '../../api/types';

/** One row per month of either field-work figure: the month, and each figure with its events. */
export function fieldWorkRows(
  assisted: FieldWorkFigure | undefined,
  returnedHome: FieldWorkFigure | undefined,
): { key: string; assisted: number; returnedHome: number; eventIds: string[] }[] {
  const rows = new Map<string, { key: string; assisted: number; returnedHome: number; eventIds: string[] }>();
  const row = (key: string) => rows.get(key) ?? { key, assisted: 0, returnedHome: 0, eventIds: [] };
  for (const g of assisted?.groups ?? []) {
    const r = row(g.key);
    rows.set(g.key, { ...r, assisted: r.assisted + g.count, eventIds: [...r.eventIds, ...g.eventIds] });
  }
  for (const g of returnedHome?.groups ?? []) {
    const r = row(g.key);
    rows.set(g.key, {
      ...r,
      returnedHome: r.returnedHome + g.count,
      eventIds: [...r.eventIds, ...g.eventIds],
    });
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}
