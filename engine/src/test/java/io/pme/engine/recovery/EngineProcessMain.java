package io.pme.engine.recovery;

import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.margin.PortfolioRiskModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An engine in a process of its own, on an external media driver, so a test can {@code kill -9} it.
 * <p>
 * Arguments: aeron directory, journal directory, input stream id, output stream id. Once launched it prints
 * {@link #READY} with what recovery did, then runs until killed or until its stdin closes.
 */
public final class EngineProcessMain
{
    static final String READY = "pme-engine-ready";

    private EngineProcessMain()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final EngineContext context = new EngineContext()
            .embeddedMediaDriver(false)
            .aeronDirectoryName(args[0])
            .journalDir(Path.of(args[1]))
            .inputStreamId(Integer.parseInt(args[2]))
            .outputStreamId(Integer.parseInt(args[3]))
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();

        final Engine engine = Engine.launch(context);
        System.out.println(READY +
            " replayed=" + engine.recovery().replayed() +
            " snapshotInputSequence=" + engine.recovery().snapshotInputSequence());
        System.out.flush();

        // the engine's threads do the work; this one only waits for the parent to go away
        while (System.in.read() >= 0)
        {
            // nothing is expected on stdin: its end is the signal to stop
        }
        engine.close();
    }
}
