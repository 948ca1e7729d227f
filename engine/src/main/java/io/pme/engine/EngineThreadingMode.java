package io.pme.engine;

/**
 * How the engine's stages are laid out on threads, in the manner of Aeron's {@code ThreadingMode}: the stages and
 * their order are the same in every mode (the receiver puts an input on the ring, the journal handler appends it,
 * only then the single-writer business logic applies it, and the publisher sends its answers); what changes is
 * how many threads run them.
 */
public enum EngineThreadingMode
{
    /**
     * A thread per stage: the receiver agent, the ring's journal handler and business-logic handler each on a
     * Disruptor thread, the publisher agent. Stages overlap (the journal appends the next input while the business
     * logic applies the previous one), at the price of hand-offs between threads and of one more thread per stage
     * competing for the cores.
     */
    DEDICATED("dedicated"),

    /**
     * One thread, one duty cycle: the receiver polls the subscription into the ring, the ring is drained through a
     * journal poller and a business-logic poller gated on it, then the outputs are published, with one idle
     * strategy for the whole cycle. No hand-off between threads on an input's way; no stage overlaps another.
     */
    SHARED("shared");

    private final String propertyValue;

    EngineThreadingMode(final String propertyValue)
    {
        this.propertyValue = propertyValue;
    }

    /**
     * @return the mode's name as the property and the command line take it.
     */
    public String propertyValue()
    {
        return propertyValue;
    }

    /**
     * @param name {@code dedicated} or {@code shared}, in any case.
     * @return the mode of that name.
     * @throws IllegalArgumentException when the name is neither.
     */
    public static EngineThreadingMode fromName(final String name)
    {
        for (final EngineThreadingMode mode : values())
        {
            if (mode.propertyValue.equalsIgnoreCase(name))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown threading mode " + name + ": dedicated or shared");
    }
}
