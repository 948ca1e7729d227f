package io.pme.engine.journal;

/**
 * A journal entry whose bytes no longer match the checksum written with them: the input journaled there is damaged,
 * and acting on it would build another state than the one the journal recorded, so reading stops here.
 */
public final class JournalCorruptionException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final long index;

    /**
     * @param index   Chronicle Queue index of the damaged entry.
     * @param message what is wrong with it, naming the index.
     */
    public JournalCorruptionException(final long index, final String message)
    {
        super(message);
        this.index = index;
    }

    /**
     * @return the Chronicle Queue index of the damaged entry.
     */
    public long index()
    {
        return index;
    }
}
