package dev.scopegen.runtime;

/**
 * A completed stage whose value cannot change, so one instance can be handed out by every {@code
 * enter} of a scope that always yields the same resource: no allocation per use.
 *
 * @param <T> the value type
 */
final class SharedStage<T> extends java.util.concurrent.CompletableFuture<T> {

  SharedStage(T value) {
    super.complete(value);
  }

  @Override
  public void obtrudeValue(T value) {
    throw new UnsupportedOperationException("shared completed stage");
  }

  @Override
  public void obtrudeException(Throwable failure) {
    throw new UnsupportedOperationException("shared completed stage");
  }
}
