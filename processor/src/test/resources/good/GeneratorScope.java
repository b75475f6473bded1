package test;

/** A class named like the scope type generated for {@code GeneratorNames.generator}. */
final class GeneratorScope {}
