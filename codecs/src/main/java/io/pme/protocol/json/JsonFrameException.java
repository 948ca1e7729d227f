package io.pme.protocol.json;

/**
 * A JSON line that cannot be turned into a frame. The message names the offending field and why.
 */
public final class JsonFrameException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the field where there is one.
     */
    public JsonFrameException(final String message)
    {
        super(message);
    }
}
