package io.pme.engine.state;

/**
 * The rulebook's account states: the one table of their codes, the rule that gives an account its state from its
 * figures, and their names. The live engine ({@code margin}), the offline calculator ({@code rulebook}) and the
 * account records all use it.
 * <p>
 * The codes are bytes because they live in off-heap account records and in snapshots, so they are a file format:
 * they stay literal rather than derived from the wire, and they are numbered as the wire protocol's
 * {@code AccountState}, which a test holds them to.
 */
public final class AccountStates
{
    /** Equity covers the initial margin. */
    public static final byte HEALTHY = 0;
    /** Equity below the initial margin but covering the maintenance margin: may only reduce risk. */
    public static final byte RESTRICTED = 1;
    /** Equity positive but below the maintenance margin. */
    public static final byte LIQUIDATION = 2;
    /** Equity zero or negative. */
    public static final byte BANKRUPT = 3;
    /** No figures: a price, a volatility or the margin model is missing. */
    public static final byte UNMARGINED = 4;

    private static final String[] NAMES = { "HEALTHY", "RESTRICTED", "LIQUIDATION", "BANKRUPT", "UNMARGINED" };

    private AccountStates()
    {
    }

    /**
     * The state rule: HEALTHY when equity ≥ IM, RESTRICTED when equity ≥ MM, LIQUIDATION when equity &gt; 0,
     * else BANKRUPT.
     *
     * @param equity            the account's equity.
     * @param initialMargin     its initial margin.
     * @param maintenanceMargin its maintenance margin.
     * @return {@link #HEALTHY}, {@link #RESTRICTED}, {@link #LIQUIDATION} or {@link #BANKRUPT}.
     */
    public static byte of(final double equity, final double initialMargin, final double maintenanceMargin)
    {
        if (equity >= initialMargin)
        {
            return HEALTHY;
        }
        if (equity >= maintenanceMargin)
        {
            return RESTRICTED;
        }
        return equity > 0.0 ? LIQUIDATION : BANKRUPT;
    }

    /**
     * @param state a state code.
     * @return true when equity is below the initial margin (RESTRICTED, LIQUIDATION or BANKRUPT): such an account
     * may only place orders that lower its initial margin.
     */
    public static boolean isBelowInitialMargin(final byte state)
    {
        return RESTRICTED == state || isBelowMaintenanceMargin(state);
    }

    /**
     * @param state a state code.
     * @return true when equity is below the maintenance margin (LIQUIDATION or BANKRUPT).
     */
    public static boolean isBelowMaintenanceMargin(final byte state)
    {
        return LIQUIDATION == state || BANKRUPT == state;
    }

    /**
     * @param state a state code, or any other value for an account without figures (the offline calculator's −1).
     * @return its wire protocol name, e.g. "HEALTHY"; "UNMARGINED" for a value that is not a margined state.
     */
    public static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : NAMES[UNMARGINED];
    }
}
