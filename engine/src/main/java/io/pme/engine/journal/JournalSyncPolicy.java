package io.pme.engine.journal;

/**
 * When the journal forces its entries to the storage device ({@link Journal#sync()}), and so what an answer that
 * has left the engine survives. Every policy survives a crash of the engine's process: the entries are in the
 * operating system's page cache the moment they are appended.
 */
public enum JournalSyncPolicy
{
    /**
     * Never: the operating system writes the journal back when it chooses (on Linux within about 30 s by default),
     * so an OS crash or a power loss may lose the inputs of that window, answered ones included.
     */
    NONE("none"),

    /**
     * In the background, every N inputs or every T, whichever comes first; answers do not wait for it, so an OS
     * crash or a power loss may lose the inputs of the last N or T (plus the sync in progress), answered ones
     * included.
     */
    PERIODIC("periodic"),

    /**
     * Before the business logic sees an input: the journal handler syncs at the end of each batch of the ring, so
     * no input is applied or answered before it is on the device (group commit: one sync covers a batch). An OS
     * crash or a power loss loses only inputs nobody got an answer to.
     */
    EVERY_INPUT("every-input");

    private final String propertyValue;

    JournalSyncPolicy(final String propertyValue)
    {
        this.propertyValue = propertyValue;
    }

    /**
     * @return the policy's name as the property and the command line take it.
     */
    public String propertyValue()
    {
        return propertyValue;
    }

    /**
     * @param name {@code none}, {@code periodic} or {@code every-input}.
     * @return the policy of that name.
     * @throws IllegalArgumentException when the name is none of those.
     */
    public static JournalSyncPolicy fromName(final String name)
    {
        for (final JournalSyncPolicy policy : values())
        {
            if (policy.propertyValue.equals(name))
            {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown journal sync policy " + name + ": none, periodic or every-input");
    }
}
