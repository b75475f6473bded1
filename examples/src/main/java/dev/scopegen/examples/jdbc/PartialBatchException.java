package dev.scopegen.examples.jdbc;

/**
 * A batch stopped part way, but what it wrote is valid and must be kept: {@link Transaction}
 * commits instead of rolling back for this failure, which still reaches the caller.
 */
public final class PartialBatchException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int written;

  /**
   * Creates the failure.
   *
   * @param written how many rows the batch wrote before it stopped
   * @param message what stopped it
   */
  public PartialBatchException(int written, String message) {
    super(message);
    this.written = written;
  }

  /**
   * Returns how many rows the batch wrote before it stopped.
   *
   * @return the number of rows kept
   */
  public int written() {
    return written;
  }
}
