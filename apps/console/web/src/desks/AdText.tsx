/**
 * An ad as the patrol recorded it: its address as text (never a live link, see docs/console.md)
 * and what it offers.
 */
export function AdText({ url, summary }: { url: string; summary: string }) {
  return (
    <>
      <div className="mono small" style={{ wordBreak: 'break-all' }} data-testid="ad-url">
        {url}
      </div>
      <div>{summary}</div>
    </>
  );
}
