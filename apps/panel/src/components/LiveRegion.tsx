/**
 * A polite live region that is always in the page (a region added together with its text is often not
 * read), visually hidden: screen readers announce each new `message` once. Empty says nothing.
 */
export function LiveRegion({ message }: { message: string }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
