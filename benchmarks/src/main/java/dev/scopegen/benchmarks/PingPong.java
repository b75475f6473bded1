package dev.scopegen.benchmarks;

import java.util.Locale;

/**
 * What a round trip between two cores costs on this machine, over time: two threads hand a
 * counter back and forth through two volatile fields, and every 100 ms the average round trip is
 * printed. On a virtual machine the figure moves with where the host runs the two threads, which
 * is what every split row of {@link GeneratorBenchmark} depends on.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar dev.scopegen.benchmarks.PingPong
 * 40} (the number of 100 ms slices).
 */
public final class PingPong {

  private static volatile long ping;
  private static volatile long pong;

  private PingPong() {}

  public static void main(String[] args) throws InterruptedException {
    int slices = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Thread echo = new Thread(PingPong::echo, "pong");
    echo.setDaemon(true);
    echo.start();
    StringBuilder report = new StringBuilder("ns per round trip, per 100 ms:");
    long sent = 0;
    for (int slice = 0; slice < slices; slice++) {
      long trips = 0;
      long start = System.nanoTime();
      long end = start + 100_000_000L;
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1_000; i++) {
          ping = ++sent;
          while (pong != sent) {
            Thread.onSpinWait();
          }
        }
        trips += 1_000;
      }
      report.append(String.format(Locale.ROOT, " %.0f", (System.nanoTime() - start) / (double) trips));
    }
    ping = -1;
    echo.join();
    System.out.println(report);
  }

  private static void echo() {
    long seen = 0;
    while (true) {
      long received;
      while ((received = ping) == seen) {
        Thread.onSpinWait();
      }
      if (received < 0) {
        return;
      }
      seen = received;
      pong = received;
    }
  }
}
