// Which renderings read anything of a post that comes from its body (its HTML, excerpt,
// table of contents, word count, first image): post views note such reads (views.ts), and
// a page rendering is tracked. A page that read none of it is a function of the posts'
// front matter, talks and language alone, so its fingerprint can leave their bodies out
// (render/fingerprint.ts): editing a post's text then leaves the archive as it was.
// Rendering is synchronous, so one tracker at a time is current; sections nest.

interface Section {
  read: boolean;
}

let current: Section | undefined;

/** Called by a post view when a body-derived field is read. */
export function noteBodyRead(): void {
  if (current !== undefined) current.read = true;
}

/** Starts a tracked section; pass what it returns to {@link endSection}. */
export function startSection(): Section | undefined {
  const outer = current;
  current = { read: false };
  return outer;
}

/** Ends the current section: true when it read from a body (the enclosing section then did too). */
export function endSection(outer: Section | undefined): boolean {
  const read = current?.read === true;
  current = outer;
  if (read) noteBodyRead();
  return read;
}

/** Runs `render`, telling whether it read anything of a post's body. */
export function trackBodyReads<T>(render: () => T): { readonly value: T; readonly readBody: boolean } {
  const outer = startSection();
  let value: T;
  try {
    value = render();
  } catch (cause) {
    endSection(outer);
    throw cause;
  }
  return { value, readBody: endSection(outer) };
}
