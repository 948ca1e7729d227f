package io.pme.gateway;

import java.nio.file.Path;

/**
 * A child JVM for {@link SeparateProcessTest}: the {@link EngineFixture} engine on its own embedded media driver,
 * until its standard input closes. Prints {@code READY} once the market is loaded.
 */
public final class EngineMain
{
    private EngineMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (EngineFixture fixture = new EngineFixture(Path.of(args[0]), args[1], args[2], args[3]))
        {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
