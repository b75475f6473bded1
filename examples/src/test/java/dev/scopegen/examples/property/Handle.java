package dev.scopegen.examples.property;

/** A resource of the planned scopes: an object whose identity the body and the exit steps check. */
final class Handle {
  private final String scope;

  Handle(String scope) {
    this.scope = scope;
  }

  /** Records, in {@code world}, a step that received another scope's resource. */
  void check(World world, Handle received, String step) {
    if (received != this) {
      world.event(step + " received the resource of " + (received == null ? null : received.scope));
    }
  }

  @Override
  public String toString() {
    return scope;
  }
}
