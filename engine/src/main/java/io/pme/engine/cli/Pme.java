package io.pme.engine.cli;

/**
 * Command-line entry point: {@code pme run | replay | script | stat | margin}.
 */
public final class Pme
{
    private Pme()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    static int run(final String[] args)
    {
        System.err.println("usage: pme run|replay|script|stat|margin [options]");
        return 2;
    }
}
