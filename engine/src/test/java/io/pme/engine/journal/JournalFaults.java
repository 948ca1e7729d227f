package io.pme.engine.journal;

import java.io.IOException;

/**
 * Faults a test injects into a real journal, as an I/O error would cause them.
 */
public final class JournalFaults
{
    private JournalFaults()
    {
    }

    /**
     * Closes the channel the journal's next sync forces through, so that sync fails with an I/O error.
     *
     * @param journal that has synced at least once.
     * @throws IOException if the channel does not close.
     */
    public static void closeSyncChannel(final Journal journal) throws IOException
    {
        journal.syncChannel().close();
    }
}
