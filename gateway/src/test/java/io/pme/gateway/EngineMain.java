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

    /**
     * Runs the fixture, then exits: 0 when its standard input closed, 1 when anything threw.
     *
     * @param args the fixture's directory, input channel, output channel and the operator's output channel.
     */
    public static void main(final String[] args)
    {
        int status = 0;
        try (EngineFixture fixture = new EngineFixture(Path.of(args[0]), args[1], args[2], args[3]))
        {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0)
            {
                Thread.onSpinWait();
            }
        }
        catch (final Throwable ex)
        {
            ex.printStackTrace();
            status = 1;
        }
        // the engine's and Aeron's threads are not daemons: without an exit a failed fixture keeps this JVM alive
        System.exit(status);
    }
}
