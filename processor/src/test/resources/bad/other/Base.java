package other;

public class Base {
  protected static class Token {}
}
