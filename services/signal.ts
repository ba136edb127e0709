/** Something that happened, told to whoever listens (a sweep that acts on it at once instead of on its next tick). */
export class Signal {
  private readonly listeners = new Set<() => void>();

  /** Listens until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
