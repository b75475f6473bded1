package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

/** Names outside ASCII: letters of other scripts, in members, parameters and type variables. */
public class UnicodeNames<Ť> {
  private final Ť wert;

  UnicodeNames(Ť wert) {
    this.wert = wert;
  }

  @Enter
  public Ť öffnen() {
    return wert;
  }

  @Rollback
  public void zurückrollen(Ť größe, Throwable fehler) {}

  @Exit
  public void schließen() {}

  @ScopedResource
  public static <Ω> void 資源(Ω значение, Yield<Ω> 产出) {
    产出.yield(значение);
  }
}
